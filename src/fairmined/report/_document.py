"""A small document model and its three renderers: plain text, Markdown and HTML.

A report (audit, quote, lot verification) is built once as a
:class:`Document` of already translated, already formatted strings; each
renderer then lays out the same content, so the formats cannot drift apart.
Every string is treated as untrusted (record data can contain anything): the
HTML renderer escapes all of it with :func:`html.escape`, the Markdown
renderer backslash-escapes Markdown and HTML punctuation.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Sequence

import attrs

from fairmined.report._format import ACTIVE_CHARACTERS, visible
from fairmined.report._i18n import colon
from fairmined.report._wrap import display_width, fit_table, text_width, wrap_line

__all__ = [
    "TEXT_WIDTH",
    "Chart",
    "Document",
    "Facts",
    "Item",
    "Items",
    "Para",
    "Section",
    "Table",
    "fill_text",
    "render_html",
    "render_markdown",
    "render_text",
]


#: The plain-text width reports for a terminal keep to: a piped or narrow terminal's 80 columns.
TEXT_WIDTH = 80


@attrs.frozen
class Facts:
    """Label and value pairs, shown as an aligned list."""

    rows: Sequence[tuple[str, str]]


@attrs.frozen
class Para:
    """A paragraph; ``kind`` is ``plain``, ``note``, ``warning``, ``good`` or ``bad``."""

    text: str
    kind: str = "plain"


@attrs.frozen
class Table:
    """A table; ``numeric`` columns align right; ``marks`` gives each row a status class."""

    headers: Sequence[str]
    rows: Sequence[tuple[str, ...]]
    numeric: Sequence[int] = ()
    marks: Sequence[str] = ()
    #: Text that is too wide is cut into tables repeating this many first columns.
    keys: int = 0


@attrs.frozen
class Item:
    """One entry of a list of findings: a heading, a status, and lines under it."""

    heading: str
    lines: Sequence[str]
    mark: str = ""
    #: For the certifier: the rule that decided, shown by HTML as the heading's tooltip.
    rule: str = ""


@attrs.frozen
class Items:
    items: Sequence[Item]
    empty: str = ""


@attrs.frozen
class Chart:
    """Counts per group, stacked per series (e.g. outcomes per category).

    ``series`` is ``(key, label)``; ``bars`` is ``(label, counts)`` with one
    count per series, in order. ``caption`` describes the chart in words; a
    chart whose caption is its section's title shows it once, as the title
    (the drawing keeps it for screen readers).
    """

    caption: str
    series: Sequence[tuple[str, str]]
    bars: Sequence[tuple[str, Sequence[int]]]
    caption_shown: bool = True


def _in_section(blocks: Sequence[Block], title: str) -> list[Block]:
    """The section's blocks, a chart captioned with the section's own title not captioned again."""
    return [
        attrs.evolve(b, caption_shown=False) if isinstance(b, Chart) and b.caption == title else b
        for b in blocks
    ]


Block = Facts | Para | Table | Items | Chart


@attrs.frozen
class Section:
    title: str
    blocks: Sequence[Block]


@attrs.frozen
class Document:
    """A whole report: ``lang`` is the BCP 47 tag of its language.

    ``wrap``: the plain-text width its paragraphs, facts and list lines are
    wrapped to (0: not wrapped); tables are laid out to fit it by their builder.
    """

    lang: str
    title: str
    lead: Sequence[Block]
    sections: Sequence[Section]
    footer: Sequence[Block] = ()
    wrap: int = 0


# --------------------------------------------------------------------------- text


_width = display_width


def _one_line(text: str) -> str:
    """Newlines and invisible format characters become spaces, so data cannot break the
    layout; characters a terminal would act on (escape, bidi override) become visible
    escapes such as ``\\x1b``, so data cannot drive the terminal either."""
    return "".join(_one_char(c) for c in text)


def _one_char(c: str) -> str:
    if c in _LAYOUT or unicodedata.category(c)[0] != "C":
        return " " if c in _LAYOUT else c
    return visible(c) if ACTIVE_CHARACTERS.match(c) else " "


_LAYOUT = frozenset("\n\r\t\x0b\x0c\x85\u2028\u2029")


def fill_text(text: str, width: int, first: str = "", rest: str = "") -> list[str]:
    """``text`` on one line after ``first``, or wrapped to ``width`` columns (0: no wrap).

    Long words (an address) stay whole; a line never starts with French closing
    punctuation (the space before it becomes a no-break space).
    """
    if not width:
        return [first + text]
    return wrap_line(text, width, first, rest)


def _text_block(block: Block, width: int) -> list[str]:
    if isinstance(block, Facts):
        if not block.rows:
            return []
        w = max(_width(_one_line(k)) for k, _ in block.rows)
        w = min(w, width // 3)  # a long label takes its own line rather than the value's room
        out = []
        for k, v in block.rows:
            key, value = _one_line(k), _one_line(v)
            if _width(key) > w or _unbreakable_past(value, w + 2, width):
                # the label alone, then the value under it: a long label, or a value
                # that cannot wrap (a hash) and would run past the line beside it
                out += wrap_line(key, width)
                indent = "  " if _unbreakable_past(value, w + 2, width) else " " * (w + 2)
                out += wrap_line(value, width, indent)
                continue
            out += wrap_line(value, width, key + " " * (w - _width(key) + 2))
        return [line.rstrip() for line in out]
    if isinstance(block, Para):
        prefix = {"warning": "! ", "note": "", "bad": "", "good": ""}.get(block.kind, "")
        return wrap_line(_one_line(block.text), width, prefix)
    if isinstance(block, Table):
        rows = [tuple(_one_line(c) for c in r) for r in (block.headers, *block.rows)]
        return fit_table(rows, block.numeric, width, keys=block.keys)
    if isinstance(block, Items):
        if not block.items:
            return wrap_line(_one_line(block.empty), width) if block.empty else []
        out = []
        for it in block.items:
            out += wrap_line(_one_line(it.heading), width, "* ", "  ")
            for line in it.lines:
                out += wrap_line(_one_line(line), width, "    ", "      ")
        return out
    labels = [lab for _, lab in block.series]
    table = Table(
        headers=("", *labels),
        rows=tuple((_one_line(g), *(str(c) for c in counts)) for g, counts in block.bars),
        numeric=tuple(range(1, len(labels) + 1)),
    )
    if not block.caption_shown:
        return _text_block(table, width)
    return [*wrap_line(_one_line(block.caption), width), "", *_text_block(table, width)]


def _unbreakable_past(value: str, start: int, width: int) -> bool:
    """Whether ``value`` has a word that, starting at column ``start``, runs past ``width``."""
    return any(start + _width(word) > width for word in value.split())


def _blocks_text(blocks: Sequence[Block], width: int) -> list[str]:
    out: list[str] = []
    for b in blocks:
        lines = _text_block(b, width)
        if lines:
            out += [*lines, ""]
    return out


def _heading(text: str, rule: str, width: int) -> list[str]:
    lines = wrap_line(_one_line(text), width)
    return [*lines, rule * max(_width(line) for line in lines)]


def render_text(doc: Document, width: int | None = None) -> str:
    """The document as plain text, ``width`` columns wide (default: :func:`text_width`)."""
    width = (doc.wrap or text_width()) if width is None else width
    lines = [*_heading(doc.title, "=", width), "", *_blocks_text(doc.lead, width)]
    for s in doc.sections:
        lines += [
            *_heading(s.title, "-", width),
            "",
            *_blocks_text(_in_section(s.blocks, s.title), width),
        ]
    if doc.footer:
        lines += _blocks_text(doc.footer, width)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- markdown

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|!~&])")


def md_escape(text: str) -> str:
    """Text safe inside Markdown: punctuation that Markdown or HTML reads is backslashed."""
    return _MD_SPECIAL.sub(r"\\\1", _one_line(text))


def _md_table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], numeric: Sequence[int]
) -> list[str]:
    head = "| " + " | ".join(md_escape(h) or " " for h in headers) + " |"
    rule = "|" + "|".join("---:" if i in numeric else "---" for i in range(len(headers))) + "|"
    body = ["| " + " | ".join(md_escape(c) for c in r) + " |" for r in rows]
    return [head, rule, *body]


def _md_block(block: Block, lang: str = "") -> list[str]:
    if isinstance(block, Facts):
        if colon(lang) != ":":  # French: the label bold, then a narrow space and the colon
            return [f"- **{md_escape(k)}**{colon(lang)} {md_escape(v)}" for k, v in block.rows]
        return [f"- **{md_escape(k)}:** {md_escape(v)}" for k, v in block.rows]
    if isinstance(block, Para):
        text = md_escape(block.text)
        if block.kind in {"warning", "bad"}:
            return [f"> **{text}**"]
        if block.kind == "good":
            return [f"**{text}**"]
        if block.kind == "note":
            return [f"*{text}*"]
        return [text]
    if isinstance(block, Table):
        return _md_table(block.headers, block.rows, block.numeric)
    if isinstance(block, Items):
        if not block.items:
            return [f"*{md_escape(block.empty)}*"] if block.empty else []
        out = []
        for it in block.items:
            out.append(f"- **{md_escape(it.heading)}**")
            out += [f"  - {md_escape(line)}" for line in it.lines]
        return out
    labels = [lab for _, lab in block.series]
    rows = [(g, *(str(c) for c in counts)) for g, counts in block.bars]
    table = _md_table(["", *labels], rows, range(1, len(labels) + 1))
    if not block.caption_shown:
        return table
    return [f"*{md_escape(block.caption)}*", "", *table]


def _blocks_md(blocks: Sequence[Block], lang: str = "") -> list[str]:
    out: list[str] = []
    for b in blocks:
        lines = _md_block(b, lang)
        if lines:
            out += [*lines, ""]
    return out


def render_markdown(doc: Document) -> str:
    lines = [f"# {md_escape(doc.title)}", "", *_blocks_md(doc.lead, doc.lang)]
    for s in doc.sections:
        blocks = _in_section(s.blocks, s.title)
        lines += [f"## {md_escape(s.title)}", "", *_blocks_md(blocks, doc.lang)]
    if doc.footer:
        lines += ["---", "", *_blocks_md(doc.footer, doc.lang)]
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- html

#: Colours of the outcome marks (also used by the chart), readable in print.
COLOURS: dict[str, str] = {
    "pass": "#2e7d32",
    "fail": "#c62828",
    "not_assessed": "#3949ab",
    "waived": "#f9a825",
    "not_applicable": "#b0bec5",
    "error": "#6a1b9a",
}
_FALLBACK_COLOURS = ("#1565c0", "#00838f", "#ef6c00", "#5d4037", "#455a64")

_CSS = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
  color: #1b1b1b; background: #fff; margin: 0 auto; max-width: 60rem; padding: 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .75rem; }
h2 { font-size: 1.2rem; margin: 1.75rem 0 .5rem; border-bottom: 2px solid #ddd;
  padding-bottom: .2rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 0; }
dl.facts dt { font-weight: 600; color: #444; }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
p.good, p.bad { font-size: 1.25rem; font-weight: 700; padding: .5rem .9rem; border-radius: 4px;
  border: 2px solid currentColor; display: inline-block; margin: .75rem 0 .25rem; }
p.good { color: #1b5e20; background: #e8f5e9; }
p.bad { color: #b71c1c; background: #ffebee; }
p.warning { border-left: 4px solid #f9a825; background: #fffde7; padding: .4rem .7rem; }
p.note { color: #555; font-size: .9rem; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { text-align: left; vertical-align: top; padding: .3rem .5rem;
  border-bottom: 1px solid #e0e0e0; overflow-wrap: anywhere; }
th { background: #f5f5f5; }
td.num, th.num { text-align: right; white-space: nowrap; }
tr.fail td:first-child, li.fail { border-left: 4px solid #c62828; }
tr.waived td:first-child, li.waived { border-left: 4px solid #f9a825; }
tr.not_assessed td:first-child, li.not_assessed { border-left: 4px dashed #3949ab; }
tr.not_applicable td:first-child { border-left: 4px dotted #b0bec5; }
tr.pass td:first-child { border-left: 4px solid #2e7d32; }
tr.not_applicable td { color: #666; }
li.fail, li.waived, li.not_assessed { padding-left: .5rem; list-style: none; }
ul.items { padding-left: 1.2rem; }
ul.items > li { margin-bottom: .6rem; }
ul.items > li > strong { display: block; }
ul.items ul { margin: .2rem 0; padding-left: 1rem; color: #333; }
figure { margin: .5rem 0; }
figcaption { font-size: .9rem; color: #444; }
svg text { font: 12px system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; }
footer { margin-top: 2rem; border-top: 1px solid #ccc; padding-top: .5rem; font-size: .8rem;
  color: #555; }
footer dl.facts dd { font-family: ui-monospace, "DejaVu Sans Mono", monospace; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  h2 { break-after: avoid; }
  table, figure, li { break-inside: avoid; }
  tr { break-inside: avoid; }
  p.good, p.bad, p.warning, th, td, svg { print-color-adjust: exact;
    -webkit-print-color-adjust: exact; }
  @page { margin: 15mm; }
}
"""


def _e(text: str) -> str:
    # html.escape leaves controls and bidi overrides raw: a page printed to a
    # terminal must not drive it, so they become visible escapes as in text.
    return html.escape(ACTIVE_CHARACTERS.sub(lambda m: visible(m.group()), text), quote=True)


def _colour(key: str, i: int) -> str:
    return COLOURS.get(key, _FALLBACK_COLOURS[i % len(_FALLBACK_COLOURS)])


#: Series drawn striped as well as coloured, so that they read apart without colour
#: (in greyscale print, or for a reader who cannot tell the colours apart).
_HATCHED = frozenset({"not_assessed"})


def _stripes(key: str, x: float, y: float, w: float, h: float) -> str:
    """White vertical stripes over a hatched series' box (none for the other series)."""
    if key not in _HATCHED:
        return ""
    xs = [x + 3 + 5 * k for k in range(int((w - 2) // 5))]
    return "".join(
        f'<line x1="{sx:.1f}" y1="{y}" x2="{sx:.1f}" y2="{y + h}" stroke="#fff" '
        'stroke-width="1.5"/>'
        for sx in xs
    )


def _svg_chart(chart: Chart, lang: str = "en") -> str:
    """Horizontal stacked bars, one per group, drawn with plain SVG (no script, no assets)."""
    label_w, bar_w, row_h, legend_h = 190, 440, 26, 28
    total_w = label_w + bar_w + 50
    height = legend_h + row_h * max(1, len(chart.bars)) + 8
    biggest = max((sum(c) for _, c in chart.bars), default=0) or 1
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="100%" '
        f'viewBox="0 0 {total_w} {height}" aria-label="{_e(chart.caption)}">',
        f"<title>{_e(chart.caption)}</title>",
    ]
    x = label_w
    for i, (key, label) in enumerate(chart.series):
        out.append(
            f'<rect x="{x}" y="6" width="12" height="12" fill="{_colour(key, i)}"/>'
            + _stripes(key, x, 6, 12, 12)
            + f'<text x="{x + 16}" y="16">{_e(label)}</text>'
        )
        x += 24 + 7 * len(label)
    for row, (group, counts) in enumerate(chart.bars):
        y = legend_h + row * row_h
        out.append(f'<text x="{label_w - 8}" y="{y + 16}" text-anchor="end">{_e(group)}</text>')
        x0 = float(label_w)  # float-ok: pixel geometry of the chart, not an amount
        for i, ((key, label), n) in enumerate(zip(chart.series, counts, strict=True)):
            if n <= 0:
                continue
            w = bar_w * n / biggest
            tip = f"{_e(group)}{colon(lang)} {_e(label)} {n}"
            out.append(
                f'<rect x="{x0:.1f}" y="{y + 3}" width="{w:.1f}" height="{row_h - 8}" '
                f'fill="{_colour(key, i)}"><title>{tip}</title></rect>'
                + _stripes(key, x0, y + 3, w, row_h - 8)
            )
            if w >= 14:
                out.append(
                    f'<text x="{x0 + w / 2:.1f}" y="{y + 16}" text-anchor="middle" '
                    f'fill="#fff">{n}</text>'
                )
            x0 += w
        out.append(f'<text x="{x0 + 6:.1f}" y="{y + 16}">{sum(counts)}</text>')
    out.append("</svg>")
    return "\n".join(out)


def _html_block(block: Block, lang: str = "en") -> str:
    if isinstance(block, Facts):
        rows = "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in block.rows)
        return f'<dl class="facts">{rows}</dl>'
    if isinstance(block, Para):
        return f'<p class="{_e(block.kind)}">{_e(block.text)}</p>'
    if isinstance(block, Table):

        def cell(tag: str, i: int, text: str) -> str:
            cls = ' class="num"' if i in block.numeric else ""
            return f"<{tag}{cls}>{_e(text)}</{tag}>"

        head = "".join(cell("th", i, h) for i, h in enumerate(block.headers))
        body = []
        for n, r in enumerate(block.rows):
            mark = block.marks[n] if n < len(block.marks) else ""
            cls = f' class="{_e(mark)}"' if mark else ""
            body.append(f"<tr{cls}>" + "".join(cell("td", i, c) for i, c in enumerate(r)) + "</tr>")
        return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    if isinstance(block, Items):
        if not block.items:
            return f'<p class="note">{_e(block.empty)}</p>' if block.empty else ""
        lis = []
        for it in block.items:
            sub = "".join(f"<li>{_e(line)}</li>" for line in it.lines)
            cls = f' class="{_e(it.mark)}"' if it.mark else ""
            tip = f' title="{_e(it.rule)}"' if it.rule else ""
            lis.append(f"<li{cls}><strong{tip}>{_e(it.heading)}</strong><ul>{sub}</ul></li>")
        return f'<ul class="items">{"".join(lis)}</ul>'
    if not block.caption_shown:
        return f"<figure>{_svg_chart(block, lang)}</figure>"
    return f"<figure>{_svg_chart(block, lang)}<figcaption>{_e(block.caption)}</figcaption></figure>"


def render_html(doc: Document) -> str:
    """One standalone HTML file: inline CSS and SVG, no script, no external asset."""
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{_e(doc.lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(doc.title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{_e(doc.title)}</h1>",
        *(_html_block(b, doc.lang) for b in doc.lead),
        "</header>",
        "<main>",
    ]
    for s in doc.sections:
        parts.append(f"<section><h2>{_e(s.title)}</h2>")
        parts += [_html_block(b, doc.lang) for b in _in_section(s.blocks, s.title)]
        parts.append("</section>")
    parts.append("</main>")
    if doc.footer:
        parts += ["<footer>", *(_html_block(b, doc.lang) for b in doc.footer), "</footer>"]
    parts += ["</body>", "</html>"]
    return "\n".join(p for p in parts if p) + "\n"
