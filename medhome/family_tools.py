"""Family tools from the center's advice to parents: a care-plan starter and a checklist
of questions for choosing a primary care provider.

Both are pages a parent fills in and prints (or saves as a PDF from the print dialog).
There is no form to send: nothing a parent types reaches the server, so nothing is
stored, logged or mailed. The print style sheet turns the page into the handout."""

from typing import Any

from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from medhome.breadcrumbs import Crumb, trail

# Rows a parent can fill in without JavaScript; empty ones do not print.
MEDICINE_ROWS = 6
CARE_TEAM_ROWS = 6


def _families() -> Crumb:
    return Crumb(_("For families"), reverse("audience", kwargs={"slug": "families"}))


class CarePlanView(TemplateView):
    template_name = "medhome/care_plan.html"

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        return super().get_context_data(
            medicine_rows=range(1, MEDICINE_ROWS + 1),
            care_team_rows=range(1, CARE_TEAM_ROWS + 1),
            breadcrumbs=trail(_families(), here=_("Care plan starter")),
            **kwargs,
        )


# The checklist, in the center's words of advice to parents (what a medical home offers).
PROVIDER_QUESTIONS = [
    (
        _("Getting care"),
        [
            _("Can we get to your office easily, and are you open at times that fit our family?"),
            _(
                "How do we reach someone quickly when our child is sick, in the evening or at the weekend?"
            ),
            _("Will we usually see the same doctor or team, so you get to know our child?"),
        ],
    ),
    (
        _("Working together"),
        [
            _("Will you treat me as a partner and make decisions about my child's care with me?"),
            _("How should I share my questions, worries and what I notice at home?"),
            _(
                "Will you explain things in a way we understand, in our language or with an interpreter?"
            ),
            _("Will you respect our family's culture and the way we do things?"),
        ],
    ),
    (
        _("Everyday and ongoing care"),
        [
            _("Do you provide both checkups and sick visits?"),
            _("Can you help us manage our child's ongoing health needs?"),
            _("Will you help us write a care plan and keep it up to date?"),
        ],
    ),
    (
        _("Coordinating care"),
        [
            _(
                "Do you work with our child's specialists, therapists and hospital, and share information with them?"
            ),
            _(
                "Is there someone in the office, such as a nurse or care coordinator, who helps families put the pieces together?"
            ),
            _("Can you connect us with community services, school support and other families?"),
            _("When the time comes, how will you help our child move to adult health care?"),
        ],
    ),
]


class ProviderQuestionsView(TemplateView):
    template_name = "medhome/provider_questions.html"

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        return super().get_context_data(
            groups=[{"title": title, "questions": qs} for title, qs in PROVIDER_QUESTIONS],
            breadcrumbs=trail(_families(), here=_("Choosing a primary care provider")),
            **kwargs,
        )


# The tools as the families page lists them: URL name, title, one line.
TOOLS = [
    (
        "care_plan",
        _("Care plan starter"),
        _("Write down your child's conditions, medicines, care team and goals, then print it."),
    ),
    (
        "provider_questions",
        _("Questions to ask when choosing a primary care provider"),
        _("A checklist to take to a first visit, with room for notes."),
    ),
]


def tool_links() -> list[dict]:
    return [
        {"url": reverse(name), "title": title, "summary": summary}
        for name, title, summary in TOOLS
    ]


class FamilyToolsSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "yearly"

    def items(self) -> list[str]:
        return [name for name, _title, _summary in TOOLS]

    def location(self, item) -> str:
        return reverse(item)
