import shutil
import subprocess
import sys
from pathlib import Path

import polib
from django.conf import settings

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "es" / "LC_MESSAGES" / "django.po"


def test_spanish_catalogue_has_no_untranslated_or_fuzzy_entries():
    po = polib.pofile(str(CATALOGUE))
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert not untranslated, f"untranslated: {untranslated[:20]}"
    assert not fuzzy, f"fuzzy: {fuzzy[:20]}"


def test_spanish_plural_entries_have_every_form():
    po = polib.pofile(str(CATALOGUE))
    nplurals = int(po.metadata["Plural-Forms"].split("nplurals=")[1].split(";")[0])
    short = [
        e.msgid
        for e in po
        if e.msgid_plural and not e.obsolete and sorted(e.msgstr_plural) != list(range(nplurals))
    ]
    assert not short, f"plural entries missing forms: {short}"


def test_every_marked_string_is_in_the_spanish_catalogue(tmp_path):
    """Extract the strings again from a copy of the code and compare with the catalogue."""
    base = Path(settings.BASE_DIR)
    ignore = shutil.ignore_patterns(".venv", "var", "node_modules", "__pycache__", ".git", "tests")
    for name in ("manage.py",):
        shutil.copy(base / name, tmp_path / name)
    for folder in (
        "medhome",
        "faq",
        "resources",
        "mentorship",
        "newsletter",
        "events",
        "toolkit",
        "templates",
        "locale",
    ):
        shutil.copytree(base / folder, tmp_path / folder, ignore=ignore)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "es", "--no-obsolete", "-v", "0"],
        cwd=tmp_path,
        env={
            "DEBUG": "true",
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "medhome.settings",
        },
        check=True,
    )
    fresh = polib.pofile(str(tmp_path / "locale" / "es" / "LC_MESSAGES" / "django.po"))
    missing = [e.msgid for e in fresh if not e.obsolete and not e.translated()]
    assert not missing, f"strings not translated (run makemessages): {missing[:20]}"
