"""Fill Spanish translations from a JSON object {msgid: msgstr} into the catalogue.

    .venv/bin/python scripts/po_fill.py /tmp/es.json [locale/es/LC_MESSAGES/django.po]

Entries it fills lose their fuzzy flag. It prints what is still untranslated or
fuzzy, so a run ends with the list of what remains to do. For plural entries,
give a list of forms as the value.
"""

import json
import sys

import polib

with open(sys.argv[1], encoding="utf-8") as handle:
    mapping = json.load(handle)
path = sys.argv[2] if len(sys.argv) > 2 else "locale/es/LC_MESSAGES/django.po"
po = polib.pofile(path, wrapwidth=99)
# Spanish has three plural forms in Django's catalogue (one, millions, other); a
# list of two forms [one, other] is padded so that every index has a string.
nplurals = int(po.metadata.get("Plural-Forms", "nplurals=2").split("nplurals=")[1].split(";")[0])


def plural_forms(value) -> dict[int, str]:
    forms = value if isinstance(value, list) else [value]
    forms = forms + [forms[-1]] * (nplurals - len(forms))
    return dict(enumerate(forms[:nplurals]))


filled = 0
for entry in po:
    if entry.msgid in mapping:
        value = mapping[entry.msgid]
        if entry.msgid_plural:
            entry.msgstr_plural = plural_forms(value)
        else:
            entry.msgstr = value
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        # The "#|" lines (the msgid a fuzzy match came from) go with the fuzzy flag.
        entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
        filled += 1
po.save(path)
missing = [e.msgid for e in po.untranslated_entries()] + [e.msgid for e in po.fuzzy_entries()]
print(f"filled {filled}; still missing {len(missing)}")
for msgid in missing:
    print("  ", repr(msgid))
