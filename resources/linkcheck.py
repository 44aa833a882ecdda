"""Checks the external links (ResourceVersion.url) of published resources.

Requests run in a thread pool (LINK_CHECK_WORKERS, 8 by default) with a
timeout per request (LINK_CHECK_TIMEOUT seconds, 10 by default); only the
main thread touches the database. A HEAD request comes first; servers that
refuse HEAD get a GET (the body is not read). Redirects are followed and the
final status is recorded.
"""

import socket
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q, QuerySet
from django.tasks import task
from django.utils import timezone

from resources.models import Resource, ResourceVersion

USER_AGENT = "MedicalHomePortal-LinkChecker/1.0"


@dataclass
class Result:
    status: int | None
    error: str = ""


def broken_q() -> Q:
    return Q(last_status__gte=400) | ~Q(last_error="")


def checkable_versions() -> QuerySet[ResourceVersion]:
    return ResourceVersion.objects.filter(
        resource__in=Resource.objects.published(), url__startswith="http"
    ).exclude(url="")


def _request(url, method, timeout):
    # check_url lets only http(s) addresses through.
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})  # noqa: S310
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
        return response.status


def check_url(url: str, timeout: float) -> Result:
    if not url.lower().startswith(("http://", "https://")):
        return Result(None, "Not a web address")
    try:
        try:
            return Result(_request(url, "HEAD", timeout))
        except urllib.error.HTTPError as error:
            if error.code not in (403, 405, 501):
                raise
            return Result(_request(url, "GET", timeout))
    except urllib.error.HTTPError as error:
        return Result(error.code)
    except TimeoutError:
        return Result(None, "Timed out")
    except urllib.error.URLError as error:
        if isinstance(error.reason, TimeoutError | socket.timeout):
            return Result(None, "Timed out")
        return Result(None, str(error.reason)[:200])
    except (OSError, ValueError) as error:
        return Result(None, str(error)[:200] or error.__class__.__name__)


def check_links(versions=None) -> dict:
    """Check the given versions (default: every link of a published resource)."""
    versions = list(checkable_versions() if versions is None else versions)
    timeout = getattr(settings, "LINK_CHECK_TIMEOUT", 10)
    workers = getattr(settings, "LINK_CHECK_WORKERS", 8)
    urls = sorted({v.url for v in versions})
    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = dict(zip(urls, pool.map(lambda u: check_url(u, timeout), urls), strict=True))
    now = timezone.now()
    for version in versions:
        result = results[version.url]
        version.last_status = result.status
        version.last_error = result.error
        version.last_checked_at = now
    ResourceVersion.objects.bulk_update(
        versions, ["last_status", "last_error", "last_checked_at"], batch_size=500
    )
    broken = sum(1 for v in versions if (v.last_status or 0) >= 400 or v.last_error)
    return {"checked": len(versions), "broken": broken}


@task
def check_links_task(version_ids: list[int] | None = None) -> dict:
    versions = None
    if version_ids is not None:
        versions = checkable_versions().filter(pk__in=version_ids)
    return check_links(versions)
