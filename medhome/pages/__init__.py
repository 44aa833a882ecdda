"""Starting text of the pages every deployment needs (accessibility, privacy).

The data migration medhome 0002 calls `create_missing_pages` with its
historical Page model; from then on staff edit the pages in the admin."""

from pathlib import Path

TEXT = Path(__file__).resolve().parent

PAGES = {
    "accessibility": {
        "title_en": "Accessibility statement",
        "title_es": "Declaración de accesibilidad",
        "summary_en": "How we make this portal usable for everyone, how we check it, and how to tell us about a problem.",
        "summary_es": "Cómo hacemos que este portal sirva a todas las personas, cómo lo comprobamos y cómo avisarnos de un problema.",
    },
    "privacy": {
        "title_en": "Privacy notice",
        "title_es": "Aviso de privacidad",
        "summary_en": "What the portal collects when you use it, why, and the choices you have.",
        "summary_es": "Qué datos recoge el portal cuando lo usa, para qué, y qué opciones tiene.",
    },
}


def create_missing_pages(page_model) -> None:
    # Published at once (every footer links them); migration 0002 runs before
    # pages had a status.
    published = {"status": "published"} if _has_field(page_model, "status") else {}
    for slug, fields in PAGES.items():
        if page_model.objects.filter(slug=slug).exists():
            continue
        body_en = (TEXT / f"{slug}.en.md").read_text(encoding="utf-8")
        body_es = (TEXT / f"{slug}.es.md").read_text(encoding="utf-8")
        page_model.objects.create(
            slug=slug,
            title=fields["title_en"],
            summary=fields["summary_en"],
            body=body_en,
            body_en=body_en,
            body_es=body_es,
            **fields,
            **published,
        )


def _has_field(model, name) -> bool:
    return any(field.name == name for field in model._meta.get_fields())
