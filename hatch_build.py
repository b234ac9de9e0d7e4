"""Build hook: compile the gettext catalogs (``.po`` -> ``.mo``) into the wheel.

Runs on every wheel build (``pip install .``, ``python -m build``), so the
compiled catalogs are never committed and never made by hand. Editable
installs skip it: the package then compiles the ``.po`` in memory on first
use (``fairmined.report._i18n.catalog``).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from hatchling.builders.hooks.plugin.interface import BuildHookInterface

LOCALE = Path("src") / "fairmined" / "locale"


class CatalogBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        self._tmp = Path(tempfile.mkdtemp(prefix="fairmined-mo-"))
        root = Path(self.root)
        for po in sorted((root / LOCALE).glob("*/LC_MESSAGES/*.po")):
            lang = po.parent.parent.name
            with po.open("rb") as fh:
                catalog = read_po(fh, locale=lang)
            errors = [(m.id, errs) for m, errs in catalog.check() if errs]
            if errors:
                raise RuntimeError(f"{po}: broken translations: {errors}")
            mo = self._tmp / lang / po.with_suffix(".mo").name
            mo.parent.mkdir(parents=True, exist_ok=True)
            with mo.open("wb") as fh:
                write_mo(fh, catalog, use_fuzzy=False)
            target = f"fairmined/locale/{lang}/LC_MESSAGES/{mo.name}"
            build_data["force_include"][str(mo)] = target

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        tmp = getattr(self, "_tmp", None)
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
