import time

import pytest
from django import forms
from django.core import signing
from django.test import RequestFactory

from medhome.forms import PublicFormMixin


class ContactForm(PublicFormMixin, forms.Form):
    email = forms.EmailField()


def _data(**extra):
    form = ContactForm()
    return {"email": "a@example.org", "started": form.initial["started"], **extra}


def _request(ip="10.0.0.1"):
    return RequestFactory().post("/", REMOTE_ADDR=ip)


@pytest.mark.django_db
def test_a_person_filling_the_form_passes():
    assert ContactForm(_data(), request=_request()).is_valid()


@pytest.mark.django_db
def test_the_honeypot_refuses_bots():
    form = ContactForm(_data(website="http://spam.example"), request=_request())
    assert not form.is_valid()
    assert form.non_field_errors().as_data()[0].code == "honeypot"


@pytest.mark.django_db
def test_a_form_sent_too_fast_is_refused(settings):
    settings.PUBLIC_FORM_MIN_SECONDS = 3
    form = ContactForm(_data(), request=_request())
    assert not form.is_valid()
    assert form.non_field_errors().as_data()[0].code == "too_fast"
    started = signing.dumps({"t": time.time() - 10, "n": "once"}, salt="medhome.public-form")
    assert ContactForm(_data(started=started), request=_request()).is_valid()


@pytest.mark.django_db
def test_a_missing_or_forged_timer_is_refused():
    for started in (
        "",
        "forged",
        signing.dumps({"t": time.time(), "n": "x"}, salt="other"),
        # The old format (a bare time) is no longer accepted.
        signing.dumps(time.time(), salt="medhome.public-form"),
    ):
        form = ContactForm(_data(started=started), request=_request())
        assert not form.is_valid()
        assert form.non_field_errors().as_data()[0].code == "expired"


@pytest.mark.django_db
def test_rate_limit_per_address_and_per_email(settings):
    settings.PUBLIC_FORM_RATE_LIMIT = 2
    for _ in range(2):
        assert ContactForm(_data(), request=_request()).is_valid()
    refused = ContactForm(_data(), request=_request())
    assert not refused.is_valid()
    assert refused.non_field_errors().as_data()[0].code == "rate_limited"
    # Another address with the same email is also over the limit...
    assert not ContactForm(_data(), request=_request("10.0.0.2")).is_valid()
    # ...but another person elsewhere is not.
    assert ContactForm(_data(email="b@example.org"), request=_request("10.0.0.3")).is_valid()


@pytest.mark.django_db
def test_a_form_started_token_serves_one_submission_only():
    data = _data()
    assert ContactForm(data, request=_request()).is_valid()
    replay = ContactForm(data, request=_request("10.0.0.8"))
    assert not replay.is_valid()
    assert replay.non_field_errors().as_data()[0].code == "replayed"


@pytest.mark.django_db
def test_a_form_with_mistakes_can_be_corrected_with_the_same_token():
    data = _data(email="not an address")
    assert not ContactForm(data, request=_request()).is_valid()
    assert ContactForm({**data, "email": "a@example.org"}, request=_request()).is_valid()


@pytest.mark.django_db
def test_the_token_expires(settings):
    data = _data()
    settings.PUBLIC_FORM_MAX_AGE = -1
    form = ContactForm(data, request=_request())
    assert not form.is_valid()
    assert form.non_field_errors().as_data()[0].code == "expired"
