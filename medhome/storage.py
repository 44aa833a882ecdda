"""The storage layer for uploaded files (settings.STORAGES, through django-storages).

Two storages: "default" holds public documents (promise and plan PDFs, resource
files), linked from pages at MEDIA_URL and served by the site (medhome.media);
"private" holds what the public uploads with a submission, which has no public
address at all: staff download it through the admin. Both are folders under var/
by default, or two prefixes of one S3-compatible bucket when S3_BUCKET is set.
"""

from pathlib import Path
from typing import Never
from urllib.parse import urljoin

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.utils.encoding import filepath_to_uri
from django.utils.functional import cached_property
from storages.backends.s3 import S3Storage


class PublicS3Storage(S3Storage):
    """Public documents in the bucket, linked at the site's MEDIA_URL (the site streams
    them with its own caching headers, so the bucket itself stays private)."""

    def url(self, name, parameters=None, expire=None, http_method=None) -> str:
        return urljoin(settings.MEDIA_URL, filepath_to_uri(name))


class NoPublicAddress:
    def url(self, name, *args, **kwargs) -> Never:
        raise ValueError("Private files have no public address.")


class PrivateS3Storage(NoPublicAddress, S3Storage):
    pass


def private_root() -> Path:
    """PRIVATE_MEDIA_ROOT, or a folder "private" beside MEDIA_ROOT."""
    return Path(settings.PRIVATE_MEDIA_ROOT or Path(settings.MEDIA_ROOT).parent / "private")


class PrivateFileSystemStorage(NoPublicAddress, FileSystemStorage):
    # Read from the settings when first used (and again when MEDIA_ROOT changes).
    @cached_property
    def base_location(self) -> str:
        # FileSystemStorage.__init__ sets _location; the stubs leave it out.
        return self._value_or_setting(self._location, str(private_root()))  # type: ignore[attr-defined]

    @cached_property
    def base_url(self) -> str | None:  # type: ignore[override]  # None: private files have no public URL
        return None


def private_storage() -> Storage:
    """The storage for private uploads; a callable, so settings decide it at run time."""
    return storages["private"]
