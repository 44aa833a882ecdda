"""Staff workflow pieces of the FAQ admin, kept apart from faq/admin.py.

Imported from FaqConfig.ready(), after admin.autodiscover(): a Question admin
is registered here only when faq/admin.py has not registered one.
"""

from django.contrib import admin

from faq.models import Question
from medhome.admin import PublishableAdmin


class QuestionWorkflowAdmin(PublishableAdmin):
    list_display = ["question", "category", "status", "publish_at", "needs_review", "site_link"]
    list_filter = [*PublishableAdmin.list_filter, "category"]
    search_fields = ["question", "answer"]
    prepopulated_fields = {"slug": ["question"]}
    list_select_related = ["category"]
    filter_horizontal = ["related_questions", "related_resources"]


if not admin.site.is_registered(Question):
    admin.site.register(Question, QuestionWorkflowAdmin)
