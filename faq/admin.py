from django.contrib import admin
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from medhome.staff.admin import PublishableAdmin, TranslatedAdmin

from .models import Category, Feedback, Question


@admin.register(Category)
class CategoryAdmin(TranslatedAdmin):
    list_display = ["name", "slug", "order", "question_count"]
    list_editable = ["order"]
    search_fields = ["name_en", "name_es", "slug"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(question_count=Count("questions"))

    @admin.display(description=_("questions"), ordering="question_count")
    def question_count(self, obj):
        return obj.question_count


@admin.register(Question)
class QuestionAdmin(PublishableAdmin):
    list_display = [
        "question",
        "category",
        "order",
        "status",
        "helpful_yes",
        "helpful_no",
        "needs_review",
        "site_link",
    ]
    list_editable = ["order"]
    list_filter = [*PublishableAdmin.list_filter, "category", "audiences"]
    list_select_related = ["category"]
    search_fields = ["question_en", "question_es", "answer_en", "answer_es", "slug"]
    autocomplete_fields = ["category", "related_questions", "related_resources", "audiences"]
    prepopulated_fields = {"slug": ["question"]}
    fieldsets = [
        (None, {"fields": ["category", "question", "slug", "answer", "order"]}),
        (_("Links"), {"fields": ["related_questions", "related_resources", "audiences"]}),
        (_("Publishing"), {"fields": list(PublishableAdmin.workflow_fields)}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                yes_count=Count("feedback", filter=Q(feedback__helpful=True)),
                no_count=Count("feedback", filter=Q(feedback__helpful=False)),
            )
        )

    @admin.display(description=_("helpful"), ordering="yes_count")
    def helpful_yes(self, obj):
        return obj.yes_count

    @admin.display(description=_("not helpful"), ordering="no_count")
    def helpful_no(self, obj):
        return obj.no_count


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ["question", "helpful", "created_at"]
    list_filter = ["helpful", "question__category"]
    list_select_related = ["question"]
    search_fields = ["question__question_en"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
