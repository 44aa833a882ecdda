"""Keep email addresses and phone numbers out of the logs.

`RedactPersonalData` is a logging filter on every handler (settings.LOGGING):
it formats the message, and any traceback, and replaces each email address
and phone number with a placeholder, whatever logged it (our code, Django,
a library, an SMTP error quoting a recipient).
"""

import logging
import re

EMAIL = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# North American and international forms: +1 800-433-9016, (800) 433 9016, 800.433.9016,
# +44 20 7946 0958; at least 10 digits in groups, so dates, times and addresses are left.
PHONE = re.compile(
    r"(?<![\w.:/-])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)|\d{2,4})(?:[\s.-]?\d{2,4}){2,3}(?![\w.:/-])"
)


def _is_phone(match: re.Match) -> bool:
    return len(re.sub(r"\D", "", match.group())) >= 10


def redact(text: str) -> str:
    text = EMAIL.sub("[email]", text)
    return PHONE.sub(lambda m: "[phone]" if _is_phone(m) else m.group(), text)


class RedactPersonalData(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: leave the record to the handler
            return True
        record.msg, record.args = redact(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True
