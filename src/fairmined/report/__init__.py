"""Everything formatted for people: tables, reports, localised amounts.

This is the only layer that imports babel's formatting and the only one that
translates: build a :class:`Translator` with :func:`translator` and hand it to
a renderer.

Its names are imported from their modules when first used (PEP 562), so a
command loads only the formatting it needs: verifying lots does not load the
audit, statement or standards reports.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fairmined.report._audit import (
        audit_document,
        catalog_text,
        reference_text,
        render_audit,
        requirement_text,
        requirement_translations,
    )
    from fairmined.report._audit_diff import (
        audit_diff_json,
        audit_diffs_json,
        diff_document,
        render_audit_diff,
    )
    from fairmined.report._audit_json import evaluation_to_json, evaluations_to_json
    from fairmined.report._audit_xlsx import audit_xlsx
    from fairmined.report._document import Document
    from fairmined.report._documents import DOCUMENTS, to_dict, versioned
    from fairmined.report._format import (
        fmt_decimal,
        fmt_money,
        json_safe,
        money_json,
        plain,
        resolve_locale,
        terminal_safe,
    )
    from fairmined.report._formats import (
        FORMATS,
        REPORTS,
        check_format,
        formats_for,
        render,
        render_as,
    )
    from fairmined.report._i18n import EN_MARK, LANGUAGES, Translator, catalog, translator
    from fairmined.report._ledger import (
        LEDGER_CSV_COLUMNS,
        ledger_csv_rows,
        ledger_document,
        ledger_json,
        render_ledger,
    )
    from fairmined.report._lot_messages import finding_text, lot_reason_text
    from fairmined.report._lots import (
        LOT_CSV_COLUMNS,
        LOT_CSV_SQL,
        LOT_JSON_SQL,
        LineSql,
        lot_csv_row,
        lot_csv_text,
        lot_json,
        lot_json_text,
        lot_summary_json,
        lot_writer,
        lots_stream,
        lots_stream_ends,
        neutralise,
        summary_json,
    )
    from fairmined.report._lots_summary import lots_document
    from fairmined.report._lots_xlsx import lots_xlsx
    from fairmined.report._notices import warning_text
    from fairmined.report._output import KINDS, OutputFormat, Stream
    from fairmined.report._premium import (
        describe_figure,
        notice_text,
        quote_document,
        quote_json,
        quote_table,
        render_quote,
    )
    from fairmined.report._schemas import SCHEMAS
    from fairmined.report._standards import (
        review_json,
        review_text,
        standard_json,
        standards_json,
        standards_text,
    )
    from fairmined.report._statement import (
        render_statement,
        statement_document,
        statement_json,
        statement_xlsx,
    )

#: Each module of this package and the names it gives the package.
_MODULES: dict[str, tuple[str, ...]] = {
    "_audit": (
        "audit_document",
        "catalog_text",
        "reference_text",
        "render_audit",
        "requirement_text",
        "requirement_translations",
    ),
    "_audit_diff": ("audit_diff_json", "audit_diffs_json", "diff_document", "render_audit_diff"),
    "_audit_json": ("evaluation_to_json", "evaluations_to_json"),
    "_audit_xlsx": ("audit_xlsx",),
    "_document": ("Document",),
    "_documents": ("DOCUMENTS", "to_dict", "versioned"),
    "_format": (
        "fmt_decimal",
        "fmt_money",
        "json_safe",
        "money_json",
        "plain",
        "resolve_locale",
        "terminal_safe",
    ),
    "_formats": ("FORMATS", "REPORTS", "check_format", "formats_for", "render", "render_as"),
    "_i18n": ("EN_MARK", "LANGUAGES", "Translator", "catalog", "translator"),
    "_ledger": (
        "LEDGER_CSV_COLUMNS",
        "ledger_csv_rows",
        "ledger_document",
        "ledger_json",
        "render_ledger",
    ),
    "_lots": (
        "LOT_CSV_COLUMNS",
        "LOT_CSV_SQL",
        "LOT_JSON_SQL",
        "LineSql",
        "lot_csv_row",
        "lot_csv_text",
        "lot_json",
        "lot_json_text",
        "lot_summary_json",
        "lot_writer",
        "lots_stream",
        "lots_stream_ends",
        "neutralise",
        "summary_json",
    ),
    "_lot_messages": ("finding_text", "lot_reason_text"),
    "_lots_summary": ("lots_document",),
    "_lots_xlsx": ("lots_xlsx",),
    "_notices": ("warning_text",),
    "_output": ("KINDS", "OutputFormat", "Stream"),
    "_premium": (
        "describe_figure",
        "notice_text",
        "quote_document",
        "quote_json",
        "quote_table",
        "render_quote",
    ),
    "_schemas": ("SCHEMAS",),
    "_standards": (
        "review_json",
        "review_text",
        "standard_json",
        "standards_json",
        "standards_text",
    ),
    "_statement": ("render_statement", "statement_document", "statement_json", "statement_xlsx"),
}
_WHERE = {name: module for module, names in _MODULES.items() for name in names}


def __getattr__(name: str) -> object:
    """A name of this package, imported from its module the first time it is asked for."""
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


__all__ = [
    "DOCUMENTS",
    "EN_MARK",
    "FORMATS",
    "KINDS",
    "LANGUAGES",
    "LEDGER_CSV_COLUMNS",
    "LOT_CSV_COLUMNS",
    "LOT_CSV_SQL",
    "LOT_JSON_SQL",
    "REPORTS",
    "SCHEMAS",
    "Document",
    "LineSql",
    "OutputFormat",
    "Stream",
    "Translator",
    "audit_diff_json",
    "audit_diffs_json",
    "audit_document",
    "audit_xlsx",
    "catalog",
    "catalog_text",
    "check_format",
    "describe_figure",
    "diff_document",
    "evaluation_to_json",
    "evaluations_to_json",
    "finding_text",
    "fmt_decimal",
    "fmt_money",
    "formats_for",
    "json_safe",
    "ledger_csv_rows",
    "ledger_document",
    "ledger_json",
    "lot_csv_row",
    "lot_csv_text",
    "lot_json",
    "lot_json_text",
    "lot_reason_text",
    "lot_summary_json",
    "lot_writer",
    "lots_document",
    "lots_stream",
    "lots_stream_ends",
    "lots_xlsx",
    "money_json",
    "neutralise",
    "notice_text",
    "plain",
    "quote_document",
    "quote_json",
    "quote_table",
    "reference_text",
    "render",
    "render_as",
    "render_audit",
    "render_audit_diff",
    "render_ledger",
    "render_quote",
    "render_statement",
    "requirement_text",
    "requirement_translations",
    "resolve_locale",
    "review_json",
    "review_text",
    "standard_json",
    "standards_json",
    "standards_text",
    "statement_document",
    "statement_json",
    "statement_xlsx",
    "summary_json",
    "terminal_safe",
    "to_dict",
    "translator",
    "versioned",
    "warning_text",
]
