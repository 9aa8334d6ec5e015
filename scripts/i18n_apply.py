"""Apply translated JSON batches (msgid → English) to locale/en/LC_MESSAGES/django.po.

Used to keep the English catalogue complete: `manage.py makemessages -l en` adds new strings,
this fills them from translation batches, `manage.py compilemessages` builds the .mo file.
"""

import json
import sys

import polib


def main(po_path: str, *batches: str) -> None:
    po = polib.pofile(po_path)
    index = {(entry.msgctxt, entry.msgid): entry for entry in po}
    applied = 0
    for batch in batches:
        with open(batch, encoding="utf-8") as handle:
            items = json.load(handle)
        for item in items:
            entry = index.get((item.get("msgctxt"), item["msgid"]))
            if entry is None:
                continue
            if "msgstr_plural" in item:
                entry.msgstr_plural = {int(k): v for k, v in item["msgstr_plural"].items()}
            else:
                entry.msgstr = item["msgstr"]
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
            applied += 1
    po.save(po_path)
    missing = [e.msgid for e in po if not e.obsolete and not e.translated()]
    print(f"applied {applied}; untranslated {len(missing)}")


if __name__ == "__main__":
    main(*sys.argv[1:])
