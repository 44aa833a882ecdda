"""Accepting or rejecting what the public shares (resources.models.Submission)."""

import os

from django.core.files import File
from django.db import transaction
from django.utils.text import Truncator, get_valid_filename, slugify

from medhome.models import QueueStatus, Status
from resources.models import (
    Decision,
    Format,
    Resource,
    ResourceType,
    ResourceVersion,
    Submission,
)

# The resource type a draft starts with, by kind of submission (staff may change it).
KIND_TO_TYPE = {
    "tool": "tool",
    "best_practice": "guide",
    "lesson": "evidence",
    "activity": "toolkit",
}


# The version's format, by the (checked) extension of the shared file.
EXTENSION_TO_FORMAT = {
    ".pdf": Format.PDF,
    ".doc": Format.DOC,
    ".docx": Format.DOC,
    ".ppt": Format.SLIDES,
    ".pptx": Format.SLIDES,
}


class ModerationError(Exception):
    pass


def _unique_slug(title: str) -> str:
    base = (slugify(title) or "shared-resource")[:180]
    slug, n = base, 1
    while Resource.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def submission_accept(*, submission: Submission, user) -> Resource:
    """Create a draft resource pre-filled from the submission and close the submission."""
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if submission.decision != Decision.PENDING:
        raise ModerationError("already decided")
    resource_type = (
        ResourceType.objects.filter(slug=KIND_TO_TYPE.get(submission.kind)).first()
        or ResourceType.objects.order_by("order", "slug").first()
    )
    if resource_type is None:
        raise ModerationError("no resource types")
    language = submission.language if submission.language in ("en", "es") else "en"
    summary = Truncator(" ".join(submission.description.split())).chars(400)
    resource = Resource(
        slug=_unique_slug(submission.title),
        status=Status.DRAFT,
        resource_type=resource_type,
        organization=submission.organization,
        published_on=submission.received_at.date(),
    )
    for lang in {"en", language}:
        setattr(resource, f"title_{lang}", submission.title)
        setattr(resource, f"summary_{lang}", summary)
        setattr(resource, f"body_{lang}", submission.description)
    resource._history_user = user  # type: ignore[attr-defined]  # django-simple-history reads it
    resource.save()
    if submission.file:
        _copy_file_into_version(submission, resource, language)
    submission.decision = Decision.ACCEPTED
    submission.resource = resource
    submission.queue_status = QueueStatus.CLOSED
    submission.assignee = submission.assignee or user
    submission.save()
    return resource


def _copy_file_into_version(submission, resource, language) -> ResourceVersion:
    """The shared file becomes the draft's version in its language: copied from the
    private storage (where only staff can open it) into the resources' storage."""
    stored_name = submission.file.name.rsplit("/", 1)[-1]
    extension = os.path.splitext(stored_name)[1].lower()
    original = os.path.splitext(submission.original_filename or "")[0]
    name = get_valid_filename(f"{slugify(original) or resource.slug}{extension}")
    version = ResourceVersion(
        resource=resource, language=language, format=EXTENSION_TO_FORMAT.get(extension, Format.DOC)
    )
    with submission.file.open("rb") as shared:
        version.file.save(name, File(shared), save=False)
    version.save()
    return version


@transaction.atomic
def submission_reject(*, submission: Submission, user, reason: str) -> None:
    reason = reason.strip()
    if not reason:
        raise ModerationError("a reason is required")
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if submission.decision != Decision.PENDING:
        raise ModerationError("already decided")
    submission.decision = Decision.REJECTED
    submission.rejection_reason = reason
    submission.queue_status = QueueStatus.CLOSED
    submission.assignee = submission.assignee or user
    submission.save()
