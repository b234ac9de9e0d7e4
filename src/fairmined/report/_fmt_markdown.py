"""``markdown``: a report for people, to paste into a wiki or a ticket."""

from fairmined.report._document import render_markdown
from fairmined.report._output import OutputFormat

MARKDOWN = OutputFormat("markdown", "Markdown", document=render_markdown)
