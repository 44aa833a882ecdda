"""Conditional GET and Cache-Control (medhome/httpcache.py): a public page answers 304
to its own ETag without rendering, a content edit changes the ETag, and nothing
personal (staff, a CSRF token, a personal link, a session, a CSP nonce) is ever
marked cacheable or answered from an ETag."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from medhome import httpcache
from tests.factories import (
    PageFactory,
    QuestionFactory,
    ResourceFactory,
    SubscriberFactory,
    staff_user,
)

pytestmark = pytest.mark.django_db

LIBRARY = "/en/resources/"


def public_headers(response):
    assert response.status_code == 200
    assert response["ETag"].startswith('W/"')
    assert response["Cache-Control"] == "public, no-cache"
    assert "Cookie" in response["Vary"]
    return response["ETag"]


def assert_personal(response):
    assert response.status_code == 200
    assert "ETag" not in response
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives or "no-store" in directives
    assert "public" not in directives


def test_a_public_page_answers_its_own_etag_with_304_and_renders_nothing(client):
    ResourceFactory(title_en="Care plan template")
    etag = public_headers(client.get(LIBRARY))
    with CaptureQueriesContext(connection) as captured:
        response = client.get(LIBRARY, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""
    assert response.templates == []  # no template rendered
    assert response["ETag"] == etag
    assert response["Cache-Control"] == "public, no-cache"
    # At most the content version, read from the shared cache (a table in tests).
    assert len(captured) <= 1
    assert all("medhome_cache" in q["sql"] for q in captured.captured_queries)


def test_head_and_a_list_of_etags_are_understood(client):
    etag = public_headers(client.get(LIBRARY))
    assert client.head(LIBRARY, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get(LIBRARY, HTTP_IF_NONE_MATCH=f'W/"other", {etag}').status_code == 304
    assert client.get(LIBRARY, HTTP_IF_NONE_MATCH='W/"other"').status_code == 200


def test_editing_content_changes_the_etag_and_the_old_one_gets_the_new_page(client):
    resource = ResourceFactory(title_en="Care plan template")
    etag = public_headers(client.get(LIBRARY))
    resource.title_en = "Care plan workbook"
    resource.save()
    response = client.get(LIBRARY, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert "Care plan workbook" in response.content.decode()
    assert public_headers(response) != etag


def test_the_etag_names_the_language_the_query_the_day_and_the_release(client, monkeypatch):
    ResourceFactory()
    english = public_headers(client.get(LIBRARY))
    assert public_headers(client.get("/es/resources/")) != english
    assert public_headers(client.get(LIBRARY + "?sort=newest")) != english
    assert public_headers(client.get(LIBRARY)) == english  # stable while nothing changes
    assert public_headers(client.get(LIBRARY, secure=True)) != english
    monkeypatch.setattr(httpcache, "_release", "another-release")
    assert public_headers(client.get(LIBRARY)) != english


def test_max_age_is_a_setting(client, settings):
    settings.PUBLIC_CACHE_MAX_AGE = 300
    response = client.get(LIBRARY)
    assert response.status_code == 200
    assert {d.strip() for d in response["Cache-Control"].split(",")} == {"public", "max-age=300"}


def test_staff_never_get_a_cacheable_page_nor_a_304(client, roles):
    ResourceFactory()
    etag = public_headers(client.get(LIBRARY))
    client.force_login(staff_user("ed", "Content editor"))
    response = client.get(LIBRARY, HTTP_IF_NONE_MATCH=etag)
    assert_personal(response)


def test_an_anonymous_session_is_personal(client):
    """A visitor with a toolkit in their session sees "in your toolkit" on cards."""
    resource = ResourceFactory()
    etag = public_headers(client.get(LIBRARY))
    client.post("/en/toolkit/add/", {"resource": resource.pk, "next": LIBRARY})
    assert "sessionid" in client.cookies
    assert_personal(client.get(LIBRARY, HTTP_IF_NONE_MATCH=etag))


def test_pages_with_a_csrf_token_are_personal(client):
    """The home page's and the newsletter page's sign-up forms carry a CSRF token (and a
    single-use "form started" token)."""
    response = client.get("/en/")
    assert_personal(response)
    assert "csrftoken" in response.cookies
    assert_personal(client.get("/en/newsletter/"))
    # The same with the CSRF cookie already held: the token is still in the page.
    assert_personal(client.get("/en/"))


def test_content_pages_with_the_helpful_form_stay_public(client):
    """ "Was this page helpful?" carries no per-visitor token (medhome/feedback.py)."""
    resource = ResourceFactory()
    etag = public_headers(client.get(resource.get_absolute_url()))
    assert client.get(resource.get_absolute_url(), HTTP_IF_NONE_MATCH=etag).status_code == 304
    PageFactory(slug="about-us")
    public_headers(client.get("/en/about-us/"))


def test_a_form_started_token_alone_makes_a_page_personal():
    from medhome import cache
    from medhome.forms import new_form_token

    token = cache._request.set({})
    try:
        new_form_token()
        assert cache.request_scope() == {"personal": True}
    finally:
        cache._request.reset(token)


def test_a_page_with_a_csp_nonce_is_never_stored(rf):
    """A body carrying this response's nonce must not be handed to anybody else: the
    next response's Content-Security-Policy would not allow it."""
    from django.http import HttpResponse
    from django.utils.csp import LazyNonce

    from medhome.cache import ContentVersionMiddleware

    def view(request):
        return HttpResponse(f'<script nonce="{request._csp_nonce}">go()</script>')

    stack = ContentVersionMiddleware(httpcache.PublicCacheMiddleware(view))
    httpcache.pages.clear()
    request = rf.get("/en/nonce/")
    request._csp_nonce = LazyNonce()
    response = stack(request)
    assert_personal(response)
    assert len(httpcache.pages) == 0


def test_the_faq_question_data_block_needs_no_nonce(client):
    """JSON-LD is data, never run: Content-Security-Policy does not apply to it, so the
    question page stays public (and stored) without a nonce."""
    question = QuestionFactory()
    response = client.get(question.get_absolute_url())
    assert 'type="application/ld+json"' in response.content.decode()
    assert "nonce=" not in response.content.decode()
    public_headers(response)


def test_personal_links_keep_their_own_never_cache(client):
    from newsletter import tokens

    subscriber = SubscriberFactory()
    response = client.get(
        f"/en/newsletter/preferences/{tokens.make(subscriber, tokens.PREFERENCES)}/"
    )
    assert "ETag" not in response
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_an_etag_is_only_for_a_successful_page(client):
    response = client.get("/en/resources/no-such-resource/")
    assert response.status_code == 404
    assert "ETag" not in response


# -- the page store ------------------------------------------------------------------------
def test_a_public_page_is_stored_and_served_again_without_the_view(client):
    ResourceFactory(title_en="Care plan template")
    first = client.get(LIBRARY)
    etag = public_headers(first)
    with CaptureQueriesContext(connection) as captured:
        again = client.get(LIBRARY)
    assert again.templates == []  # nothing rendered: the stored page
    assert again.content == first.content
    assert public_headers(again) == etag
    for header in ("Content-Type", "Content-Language", "X-Frame-Options", "Vary"):
        assert again[header] == first[header]
    # The outer middleware still runs: a fresh Content-Security-Policy and the rest.
    assert again["Content-Security-Policy"]
    assert "X-Content-Type-Options" in again
    # At most the content version, read from the shared cache (a table in tests).
    assert len(captured) <= 1
    assert all("medhome_cache" in q["sql"] for q in captured.captured_queries)


def test_a_publication_is_shown_at_once(client):
    resource = ResourceFactory(title_en="Care plan template")
    assert "Care plan template" in client.get(LIBRARY).content.decode()
    resource.title_en = "Care plan workbook"
    resource.save()
    response = client.get(LIBRARY)
    assert response.templates  # rendered again
    assert "Care plan workbook" in response.content.decode()


def test_each_address_and_language_is_its_own_page(client):
    ResourceFactory(title_en="Care plan template", title_es="Plantilla de plan de cuidado")
    english = client.get(LIBRARY).content
    spanish = client.get("/es/resources/")
    assert spanish.templates
    assert spanish.content != english
    newest = client.get(LIBRARY + "?sort=newest")
    assert newest.templates  # another query string: rendered, not the stored page
    assert client.get(LIBRARY).content == english


def test_visitors_with_a_session_and_staff_never_get_a_stored_page(client, roles):
    resource = ResourceFactory()
    client.get(LIBRARY)
    client.post("/en/toolkit/add/", {"resource": resource.pk, "next": LIBRARY})
    response = client.get(LIBRARY)
    assert response.templates  # rendered for this visitor
    assert_personal(response)
    client.cookies.clear()
    client.force_login(staff_user("ed", "Content editor"))
    response = client.get(LIBRARY)
    assert response.templates
    assert_personal(response)


def test_personal_pages_and_errors_are_not_stored(client):
    client.get("/en/")  # a CSRF token and a form-started token
    client.cookies.clear()
    assert client.get("/en/").templates
    assert client.get("/en/resources/no-such-resource/").status_code == 404
    assert client.get("/en/resources/no-such-resource/").templates


def test_head_is_answered_from_the_store_and_post_never(client):
    ResourceFactory()
    client.get(LIBRARY)
    head = client.head(LIBRARY)
    assert head.status_code == 200
    assert head.templates == []


def test_the_store_can_be_turned_off(client, settings):
    settings.PAGE_CACHE_BYTES = 0
    ResourceFactory()
    client.get(LIBRARY)
    assert client.get(LIBRARY).templates


def test_the_store_keeps_to_its_size_and_drops_the_least_recently_used(settings):
    from django.http import HttpResponse

    settings.PAGE_CACHE_BYTES = 80_000
    store = httpcache.PageStore()
    for n in range(10):
        store.put(f"page-{n}", HttpResponse(b"x" * 9_000))
        store.get("page-0")  # kept in use
    assert store._bytes <= 80_000
    assert store.get("page-0") is not None
    assert store.get("page-1") is None  # the oldest unused page left first
    assert store.get("page-9") is not None
    store.put("huge", HttpResponse(b"x" * 20_000))  # over an eighth of the store
    assert store.get("huge") is None


def test_a_view_can_ask_to_be_rendered_every_time(rf):
    from django.http import HttpResponse

    from medhome.cache import ContentVersionMiddleware

    def view(request):
        httpcache.render_every_time()
        return HttpResponse("always fresh")

    stack = ContentVersionMiddleware(httpcache.PublicCacheMiddleware(view))
    httpcache.pages.clear()
    public_headers(stack(rf.get("/en/fresh/")))
    assert len(httpcache.pages) == 0
