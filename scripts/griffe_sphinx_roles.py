"""A Griffe extension for the API docs: Sphinx roles in docstrings become mkdocs links.

The docstrings use Sphinx roles (``:class:`~fairmined.model.Money```,
``:func:`quote```), which mkdocstrings would print as raw text. This turns
each into an optional cross-reference that mkdocs-autorefs links to the
object's entry in the API page, or shows as plain code when the object is not
documented there. A bare name is looked up from the documented object
outwards (its class, its module's names). Loaded by mkdocs.yml
(``extensions:`` of the python handler); not part of the package.
"""

from __future__ import annotations

import html
import re
from typing import Any

from griffe import Extension, Object

ROLE = re.compile(r":(?:class|func|meth|attr|data|exc|mod|obj):`(~?)([\w.]+)(?:\(\))?`")


def _resolve(obj: Object, name: str) -> str:
    """The full path of ``name`` as seen from ``obj``; ``name`` itself when dotted."""
    if "." in name:
        return name
    scope: Any = obj
    while scope is not None:
        member = scope.members.get(name) if hasattr(scope, "members") else None
        if member is not None:
            return str(getattr(member, "target_path", None) or member.path)
        scope = scope.parent
    return name


class SphinxRoles(Extension):
    """Rewrite Sphinx cross-reference roles as optional autorefs in every docstring."""

    def on_instance(self, *, obj: Object, **kwargs: Any) -> None:
        doc = obj.docstring
        if doc is None or ":`" not in doc.value:
            return

        def link(m: re.Match[str]) -> str:
            tilde, name = m.group(1), m.group(2)
            target = _resolve(obj, name)
            shown = name.rsplit(".", 1)[-1] if tilde else name
            return (
                f'<autoref identifier="{html.escape(target)}" optional>'
                f"<code>{html.escape(shown)}</code></autoref>"
            )

        doc.value = ROLE.sub(link, doc.value)
