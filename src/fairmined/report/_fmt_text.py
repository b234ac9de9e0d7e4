"""``text``: a report for people in a terminal or a plain file."""

from fairmined.report._document import render_text
from fairmined.report._output import OutputFormat

TEXT = OutputFormat("text", "plain text for a terminal", document=render_text)
