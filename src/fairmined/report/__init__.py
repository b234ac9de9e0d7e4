"""Everything formatted for people: tables, reports, localised amounts.

This is the only layer that imports babel's formatting and the only one that
translates: build a :class:`Translator` with :func:`translator` and hand it to
a renderer.
"""

from fairmined.report._audit import (
    EN_MARK,
    audit_document,
    catalog_text,
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
from fairmined.report._audit_text import evaluation_to_text, evaluations_to_text, reference_text
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
from fairmined.report._i18n import LANGUAGES, Translator, catalog, translator
from fairmined.report._ledger import (
    LEDGER_CSV_COLUMNS,
    ledger_csv_rows,
    ledger_document,
    ledger_json,
    render_ledger,
)
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
    "evaluation_to_text",
    "evaluations_to_json",
    "evaluations_to_text",
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
]
