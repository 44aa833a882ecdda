"""Merge translations from other .po files into the catalogue (only entries still empty).

    .venv/bin/python scripts/po_merge.py locale/es/LC_MESSAGES/django.po other.po [...]

Used when merging branches: keep one side's catalogue, run makemessages, then take
the other side's translations from its .po. Plural entries are padded to three forms.

Kept rather than gettext's own tools: `msgcat` marks an entry the two sides translate
differently as a fuzzy conflict, and `msgmerge --compendium` needs a template and
--no-fuzzy-matching to come close; a merge of two branches that each added strings
needs exactly this: fill the empty (or fuzzy) entries from the other side, leave every
translated one alone, and leave no "#|" lines behind.
"""

import sys

import polib

target = polib.pofile(sys.argv[1], wrapwidth=99)
nplurals = 3
for other_path in sys.argv[2:]:
    other = polib.pofile(other_path)
    index = {(e.msgctxt, e.msgid): e for e in other if e.translated() and "fuzzy" not in e.flags}
    for entry in target:
        src = index.get((entry.msgctxt, entry.msgid))
        if not src or entry.translated() and "fuzzy" not in entry.flags:
            continue
        if entry.msgid_plural:
            forms = [src.msgstr_plural[k] for k in sorted(src.msgstr_plural)]
            forms += [forms[-1]] * (nplurals - len(forms))
            entry.msgstr_plural = dict(enumerate(forms[:nplurals]))
        else:
            entry.msgstr = src.msgstr
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
target.save()
missing = [e.msgid for e in target.untranslated_entries()] + [
    e.msgid for e in target.fuzzy_entries()
]
print("still missing", len(missing), missing[:30])
