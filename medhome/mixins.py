"""Small view mixins every app's public views may use (the apps import this
module; it imports none of them)."""

from typing import TYPE_CHECKING, cast

from medhome.models import PublishableQuerySet

if TYPE_CHECKING:
    from django.views.generic import DetailView

    _DetailBase = DetailView
else:
    _DetailBase = object


class StaffPreviewMixin(_DetailBase):
    """For detail views of curated content: the public sees published items only;
    signed-in staff may also open drafts to preview them (the template shows
    includes/preview_banner.html when the object is not public)."""

    def get_queryset(self) -> PublishableQuerySet:
        queryset = cast(PublishableQuerySet, super().get_queryset())
        if self.request.user.is_staff:
            return queryset
        return queryset.published()
