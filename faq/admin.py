from django.contrib import admin
from django.db.models import CharField, Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, Concat
from django.utils.translation import gettext_lazy as _

from medhome.models import PageFeedback
from medhome.staff.admin import PublishableAdmin

from .models import Category, Question


@admin.register(Category)
class CategoryAdmin(PublishableAdmin):
    list_display = [
        "name",
        "slug",
        "order",
        "status",
        "question_count",
        "needs_review",
        "site_link",
    ]
    list_editable = ["order"]
    search_fields = ["name_en", "name_es", "slug"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request) -> QuerySet[Category]:
        return super().get_queryset(request).annotate(question_count=Count("questions"))

    @admin.display(description=_("questions"), ordering="question_count")
    def question_count(self, obj) -> int:
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

    def get_queryset(self, request) -> QuerySet[Question]:
        # The site's page feedback, counted under each question's key (faq.models.question_page).
        def votes(helpful):
            counted = (
                PageFeedback.objects.filter(
                    page=Concat(Value("/faq/#"), OuterRef("slug"), output_field=CharField()),
                    helpful=helpful,
                )
                .order_by()
                .values("page")
                .annotate(n=Count("pk"))
                .values("n")
            )
            return Coalesce(Subquery(counted, output_field=IntegerField()), 0)

        return super().get_queryset(request).annotate(yes_count=votes(True), no_count=votes(False))

    @admin.display(description=_("helpful"), ordering="yes_count")
    def helpful_yes(self, obj) -> int:
        return obj.yes_count

    @admin.display(description=_("not helpful"), ordering="no_count")
    def helpful_no(self, obj) -> int:
        return obj.no_count
