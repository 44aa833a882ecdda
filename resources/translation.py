from modeltranslation.translator import TranslationOptions, register

from resources.models import Audience, Resource, ResourceType, Topic


@register(ResourceType)
class ResourceTypeTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Topic)
class TopicTranslationOptions(TranslationOptions):
    fields = ("name", "description")


@register(Audience)
class AudienceTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Resource)
class ResourceTranslationOptions(TranslationOptions):
    # The publisher line: a proper name stays English-only (shown with lang="en"),
    # a description ("A university department of pediatrics") gets Spanish.
    fields = ("title", "summary", "body", "organization")
