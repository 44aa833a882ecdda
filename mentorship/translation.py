from modeltranslation.translator import TranslationOptions, register

from mentorship.models import Expertise, Initiative, Mentor, Promise, QIPlan, State


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
    fields = ("title", "description")


@register(Expertise)
class ExpertiseTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Mentor)
class MentorTranslationOptions(TranslationOptions):
    fields = ("summary", "description")
