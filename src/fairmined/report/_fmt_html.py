"""``html``: a report for people as one self-contained HTML page."""

from fairmined.report._document import render_html
from fairmined.report._output import OutputFormat

HTML = OutputFormat("html", "a self-contained HTML page", document=render_html)
