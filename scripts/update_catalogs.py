#!/usr/bin/env python3
"""Extract the translatable messages and update the catalogs.

    python scripts/update_catalogs.py          # extract, update every .po
    python scripts/update_catalogs.py --check  # exit 1 if a catalog is out of date

Messages are the first argument of ``_``/``N_`` calls and the first two of
``n_`` calls in the report layer and the CLI (``babel.cfg``). The template
goes to ``src/fairmined/locale/fairmined.pot``; each language's
``LC_MESSAGES/fairmined.po`` is updated from it with ``pybabel update``
semantics: new messages are added untranslated, removed ones are dropped,
changed ones are marked fuzzy. English is the source language, so its
catalog's translations are the messages themselves. Translate the empty and
fuzzy entries by hand; tests/test_i18n.py fails until every one is done.
The build compiles the catalogs (hatch_build.py); nothing else is needed.
"""

from __future__ import annotations

import argparse
import copy
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
LOCALE_DIR = ROOT / "src" / "fairmined" / "locale"
POT = LOCALE_DIR / "fairmined.pot"
LANGUAGES = ("en", "es", "fr", "pt")
KEYWORDS = {"_": None, "N_": None, "n_": (1, 2)}
HEADER = "Translations for fairmined: reports and command-line messages."


def extract() -> Catalog:
    """A template catalog of every message in the source, without locations."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    template = Catalog(project="fairmined", header_comment=f"# {HEADER}", fuzzy=False)
    for _file, _line, message, comments, _context in extract_from_dir(
        str(ROOT),
        method_map,
        options_map,
        keywords=KEYWORDS,
        comment_tags=("TRANSLATORS:",),
        strip_comment_tags=True,
    ):
        template.add(message, None, auto_comments=comments)
    return template


def _po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / "fairmined.po"


def _dump(cat: Catalog) -> str:
    buf = io.BytesIO()
    write_po(buf, cat, width=100, omit_header=False, sort_output=True, no_location=True)
    return buf.getvalue().decode("utf-8")


def updated(lang: str, template: Catalog, current: str | None = None) -> Catalog:
    """The catalog for ``lang`` (or the ``current`` text) brought up to date with ``template``."""
    path = _po_path(lang)
    if current is not None:
        cat = read_po(io.BytesIO(current.encode("utf-8")), locale=lang)
    elif path.exists():
        with path.open("rb") as fh:
            cat = read_po(fh, locale=lang)
    else:
        cat = Catalog(locale=lang, project="fairmined", header_comment=f"# {HEADER}", fuzzy=False)
    cat.update(copy.deepcopy(template), no_fuzzy_matching=False)
    cat.obsolete.clear()
    if lang == "en":
        for msg in cat:
            if msg.id:
                msg.string = msg.id
                msg.flags.discard("fuzzy")
    return cat


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="only check; write nothing")
    args = ap.parse_args(argv)
    template = extract()
    stale = []
    outputs = {POT: _dump(template)}
    for lang in LANGUAGES:
        # a second pass settles what babel normalises on reading (plural entries)
        first = _dump(updated(lang, template))
        outputs[_po_path(lang)] = _dump(updated(lang, template, first))
    for path, text in outputs.items():
        old = path.read_text(encoding="utf-8") if path.exists() else None
        if _strip_dates(old) != _strip_dates(text):
            stale.append(path)
            if not args.check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
    for path in stale:
        verb = "out of date" if args.check else "updated"
        print(f"{verb}: {path.relative_to(ROOT)}")
    return 1 if args.check and stale else 0


def _strip_dates(text: str | None) -> str | None:
    """The catalog without its date headers, which change on every run."""
    if text is None:
        return None
    return "\n".join(
        line
        for line in text.splitlines()
        if not line.startswith(('"POT-Creation-Date:', '"PO-Revision-Date:'))
    )


if __name__ == "__main__":
    sys.exit(main())
