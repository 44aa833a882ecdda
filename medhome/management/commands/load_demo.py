import json
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import translation

from medhome import cache, demo_pdf

DEMO_FILES = "resources/demo/"


class Command(BaseCommand):
    help = (
        "Load the demo content from fixtures/*.json in name order. Every fixture row "
        "has a fixed primary key, so running it again updates rows instead of adding them. "
        "Then write the small PDF each demo download points at into the media storage."
    )

    def handle(self, *args, **options) -> None:
        fixtures = sorted(str(p) for p in (Path(settings.BASE_DIR) / "fixtures").glob("*.json"))
        if not fixtures:
            self.stdout.write("No demo fixtures found.")
            return
        drop_stale_versions(fixtures)
        # One call, so fixtures may refer to rows in one another.
        call_command("loaddata", *fixtures, verbosity=0)
        # loaddata writes raw rows: rebuild the search index and its vocabulary.
        call_command("rebuild_search_index", verbosity=0)
        self.stdout.write(f"Loaded demo content from {len(fixtures)} fixture files.")
        written = install_demo_files()
        self.stdout.write(f"Demo downloads: {written} file(s) written or updated.")
        # Cached counts follow the new content (bulk updates above send no signals).
        cache.bump()


def drop_stale_versions(fixtures: list[str]) -> None:
    """Language versions of demo resources that the fixtures no longer list go first, so
    an older demo database takes the current rows without clashing on (language, format)."""
    from resources.models import ResourceVersion

    resources, versions = set(), set()
    for path in fixtures:
        for row in json.loads(Path(path).read_text(encoding="utf-8")):
            if row["model"] == "resources.resource":
                resources.add(row["pk"])
            elif row["model"] == "resources.resourceversion":
                versions.add(row["pk"])
    ResourceVersion.objects.filter(resource_id__in=resources).exclude(pk__in=versions).delete()


def demo_pdf_for(version) -> bytes:
    """The demo file of one language version, in its language, from our own text."""
    resource = version.resource
    lang = version.language if version.language in ("en", "es") else "en"

    def field(name: str) -> str:
        return getattr(resource, f"{name}_{lang}", "") or getattr(resource, f"{name}_en", "")

    with translation.override(lang):
        from django.utils.translation import gettext as _

        note = _(
            "Demonstration copy made by the Medical Home Portal from its own description of "
            "this resource. The real document is published by the organization named above."
        )
        blocks = [
            demo_pdf.Block(field("summary"), size=12, space_before=10),
            *demo_pdf.blocks_from_markdown(field("body")),
        ]
        if resource.organization:
            blocks.append(
                demo_pdf.Block(f"{_('Publisher')}: {resource.organization}", space_before=14)
            )
        blocks.append(demo_pdf.Block(note, size=9, space_before=14))
        footer = _("Medical Home Portal · demonstration content")
    return demo_pdf.make_pdf(field("title"), blocks, footer, lang=lang)


def install_demo_files() -> int:
    """Write every demo version's PDF into the default storage; unchanged files are kept."""
    from resources.models import ResourceVersion

    written = 0
    versions = ResourceVersion.objects.filter(file__startswith=DEMO_FILES).select_related(
        "resource"
    )
    for version in versions:
        name = version.file.name or ""
        content = demo_pdf_for(version)
        if default_storage.exists(name):
            with default_storage.open(name, "rb") as handle:
                if handle.read() == content:
                    continue
            default_storage.delete(name)
        saved = default_storage.save(name, ContentFile(content))
        if saved != name:  # the storage chose another name; keep the row pointing at it
            ResourceVersion.objects.filter(pk=version.pk).update(file=saved)
        written += 1
    return written
