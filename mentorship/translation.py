from modeltranslation.translator import TranslationOptions, register

from mentorship.models import (
    Contact,
    Expertise,
    Initiative,
    Mentor,
    Promise,
    QIPlan,
    State,
    TeamMember,
)


@register(State)
class StateTranslationOptions(TranslationOptions):
    fields = ("overview",)


@register(QIPlan)
class QIPlanTranslationOptions(TranslationOptions):
    fields = ("description",)


@register(Promise)
class PromiseTranslationOptions(TranslationOptions):
    fields = ("steps",)


@register(Initiative)
class InitiativeTranslationOptions(TranslationOptions):
    fields = ("title", "description", "sponsor")


@register(Expertise)
class ExpertiseTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Mentor)
class MentorTranslationOptions(TranslationOptions):
    # A practice's name is a proper name and stays as written (no `name_es`); a
    # descriptive one ("State team of Utah") is translated like the organization.
    fields = ("name", "organization", "summary", "description")


# Organizations and roles are free text shown on the state pages: Spanish where
# staff give it, else the English shown with lang="en" and the note.
@register(TeamMember)
class TeamMemberTranslationOptions(TranslationOptions):
    fields = ("organization",)


@register(Contact)
class ContactTranslationOptions(TranslationOptions):
    fields = ("role", "organization")
