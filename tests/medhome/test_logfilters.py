"""Logs carry no email addresses or phone numbers."""

import logging

import pytest
from django.conf import settings

from medhome.logfilters import RedactPersonalData, redact


@pytest.mark.parametrize(
    "text",
    [
        "Confirmation email to ana.ruiz+news@example.org failed",
        "SMTP said: <Ana@Example.co.uk> recipient refused",
        "call +1 800-433-9016 now",
        "phone (800) 433-9016",
        "phone 800.433.9016",
        "phone 8004339016",
        "UK +44 20 7946 0958",
    ],
)
def test_emails_and_phones_are_replaced(text):
    result = redact(text)
    assert "@" not in result.replace("[email]", "")
    assert "[email]" in result or "[phone]" in result


@pytest.mark.parametrize(
    "text",
    [
        "GET /en/resources/?page=2 200 1234",
        "2026-12-01 05:48:07,123 request took 0.052 s",
        "client 203.0.113.9 submission 42",
        "AccessAttempt 17 for ********",
    ],
)
def test_ordinary_log_lines_are_left_alone(text):
    assert redact(text) == text


def _record(msg, *args, exc_info=None):
    return logging.LogRecord("x", logging.ERROR, __file__, 1, msg, args, exc_info)


def test_the_filter_redacts_arguments_and_tracebacks():
    try:
        raise OSError("550 ana@example.org: mailbox unavailable")
    except OSError:
        import sys

        record = _record(
            "Send to %s (%s) failed", "ana@example.org", "800-433-9016", exc_info=sys.exc_info()
        )
    RedactPersonalData().filter(record)
    line = logging.Formatter().format(record)
    assert "ana@example.org" not in line
    assert "433-9016" not in line
    assert "Send to [email] ([phone]) failed" in line
    assert "mailbox unavailable" in line


def test_every_handler_filters():
    for name, handler in settings.LOGGING["handlers"].items():
        assert "no_personal_data" in handler.get("filters", []), name
