from modeltranslation.translator import TranslationOptions, register

from newsletter.models import Issue, IssueSection

# An issue written in one language falls back to the other when a field is empty.
_FALLBACK = {"default": ("en", "es")}


@register(Issue)
class IssueTranslationOptions(TranslationOptions):
    fields = ("title", "intro")
    fallback_languages = _FALLBACK


@register(IssueSection)
class IssueSectionTranslationOptions(TranslationOptions):
    fields = ("heading", "text")
    fallback_languages = _FALLBACK
