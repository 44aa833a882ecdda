from modeltranslation.translator import TranslationOptions, register

from faq.models import Category, Question


@register(Category)
class CategoryTranslationOptions(TranslationOptions):
    fields = ("name", "description")


@register(Question)
class QuestionTranslationOptions(TranslationOptions):
    fields = ("question", "answer")
