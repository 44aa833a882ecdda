""" "Was this page helpful?": one mechanism for every content page (and each FAQ question).

A page shows `{% helpful_form subject %}` (medhome.templatetags.feedback). The form
carries a signed target (the page's address without the language prefix, and its
title), so nobody can vote for a page that does not exist or name it themselves.
A vote counts once per visitor: the session remembers the pages it voted on and,
for visitors without cookies, the shared rate-limit store allows one vote a day per
page and client address. The flood of votes as a whole is limited per client by
`RATE_LIMITS["feedback"]` (and `"faq:feedback"` for the FAQ's own address).

The form carries no CSRF token, so the pages it sits on stay the same for every
visitor and can be served from a shared cache with an ETag (medhome.httpcache).
A forged vote gains an attacker nothing they could not do by posting themselves
(the limits above apply either way); a post that says it comes from another site
(`Origin` or `Sec-Fetch-Site`) is still refused, see medhome.forms.same_site_post.
"""

import hashlib

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_ratelimit.core import is_ratelimited

from medhome.forms import same_site_post
from medhome.models import PageFeedback

_SALT = "medhome.feedback"
SESSION_KEY = "feedback_voted"
# Pages a session remembers voting on (the oldest are forgotten first).
SESSION_MEMORY = 200


class FeedbackForm(forms.Form):
    helpful = forms.TypedChoiceField(
        choices=[("yes", gettext_lazy("Yes")), ("no", gettext_lazy("No"))],
        coerce=lambda value: value == "yes",
    )
    comment = forms.CharField(required=False)

    def clean_comment(self) -> str:
        # Control characters (a NUL byte included) have no place in a comment.
        comment = self.cleaned_data["comment"]
        comment = "".join(c for c in comment if c.isprintable() or c in "\n\t").strip()
        return comment[: PageFeedback._meta.get_field("comment").max_length]


def page_key(path: str) -> str:
    """The address without its language prefix: one page in every language."""
    language = translation.get_language_from_path(path)
    if language and path.startswith(f"/{language}/"):
        return path[len(language) + 1 :]
    return path


def make_target(page: str, title: str) -> str:
    return signing.dumps([page, title[:300]], salt=_SALT, compress=True)


def read_target(value: str) -> tuple[str, str] | None:
    try:
        page, title = signing.loads(value or "", salt=_SALT)
    except (signing.BadSignature, TypeError, ValueError):
        return None
    if not isinstance(page, str) or not isinstance(title, str) or not page.startswith("/"):
        return None
    return page, title


def _session_tag(page: str) -> str:
    return hashlib.sha256(page.encode()).hexdigest()[:16]


def has_voted(request, page: str) -> bool:
    return _session_tag(page) in request.session.get(SESSION_KEY, [])


def record(request, *, page: str, title: str, helpful: bool, comment: str = "") -> bool:
    """Count the visitor's answer unless they already gave one for this page; True if counted."""
    voted = request.session.get(SESSION_KEY, [])
    tag = _session_tag(page)
    if tag in voted:
        return False
    # Without cookies the session is new every time: the client address, once a day.
    first_from_client = not is_ratelimited(
        request, group=f"feedback:{tag}", key="ip", rate="1/d", increment=True
    )
    # Remembered even when the address had voted, so the page shows the thank-you.
    request.session[SESSION_KEY] = [*voted, tag][-SESSION_MEMORY:]
    if not first_from_client:
        return False
    PageFeedback.objects.create(
        page=page,
        title=title[:300],
        helpful=helpful,
        comment=comment,
        language=(translation.get_language() or settings.LANGUAGE_CODE)[:8],
    )
    return True


def thank(request) -> None:
    messages.success(request, _("Thank you. Your answer helps us improve this page."))


@same_site_post
def page_feedback(request) -> HttpResponse:
    target = read_target(request.POST.get("target", ""))
    form = FeedbackForm(request.POST)
    if target is None or not form.is_valid():
        return HttpResponseBadRequest(_("Choose yes or no."))
    page, title = target
    record(
        request,
        page=page,
        title=title,
        helpful=form.cleaned_data["helpful"],
        comment=form.cleaned_data["comment"],
    )
    thank(request)
    language = translation.get_language() or settings.LANGUAGE_CODE
    return redirect(f"/{language}{page}#helpful")
