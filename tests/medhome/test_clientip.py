"""The real client address behind our proxies; a forged X-Forwarded-For buys nothing."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from medhome.clientip import client_ip, forwarded_client


def test_without_trusted_proxies_the_socket_address_is_the_client():
    meta = {"REMOTE_ADDR": "203.0.113.9", "HTTP_X_FORWARDED_FOR": "198.51.100.1"}
    assert forwarded_client(meta, 0) == "203.0.113.9"


def test_one_proxy_the_entry_it_appended_is_the_client():
    # nginx appends the address it was reached from; whatever the client sent is further left.
    meta = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "1.2.3.4, 203.0.113.9"}
    assert forwarded_client(meta, 1) == "203.0.113.9"


def test_two_proxies_count_from_the_right():
    meta = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "6.6.6.6, 203.0.113.9, 10.0.0.2"}
    assert forwarded_client(meta, 2) == "203.0.113.9"


@pytest.mark.parametrize("header", ["", "not-an-address", " , "])
def test_a_missing_or_garbled_header_falls_back_to_the_socket(header):
    meta = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": header}
    assert forwarded_client(meta, 1) == "127.0.0.1"


def test_the_middleware_puts_the_real_address_in_remote_addr(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().get(
        "/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="9.9.9.9, 203.0.113.9"
    )
    from medhome.clientip import RealClientAddressMiddleware

    seen = {}

    def view(req):
        seen["addr"] = req.META["REMOTE_ADDR"]
        seen["client_ip"] = client_ip(req)
        return HttpResponse()

    RealClientAddressMiddleware(view)(request)
    assert seen == {"addr": "203.0.113.9", "client_ip": "203.0.113.9"}


@pytest.mark.django_db
def test_forged_forwarded_for_does_not_buy_a_fresh_rate_limit(client, settings, faq_question):
    """Behind one proxy, a client rotating X-Forwarded-For still spends one budget."""
    settings.TRUSTED_PROXY_COUNT = 1
    settings.RATE_LIMITS = {"default": "30/h", "faq:feedback": "3/h"}
    url = f"/en/faq/questions/{faq_question.slug}/feedback/"
    codes = [
        client.post(
            url,
            {"helpful": "yes"},
            REMOTE_ADDR="127.0.0.1",
            # The client forges the left part; our nginx appends the real address.
            HTTP_X_FORWARDED_FOR=f"10.1.1.{n}, 203.0.113.9",
        ).status_code
        for n in range(5)
    ]
    assert codes == [302, 302, 302, 429, 429]
    # Another visitor behind the same proxy has their own budget.
    other = client.post(
        url, {"helpful": "yes"}, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7"
    )
    assert other.status_code == 302


@pytest.fixture
def faq_question():
    from tests.faq.factories import QuestionFactory

    return QuestionFactory()
