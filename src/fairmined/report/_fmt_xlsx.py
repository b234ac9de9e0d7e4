"""``xlsx``: an Excel workbook the report builds (written to a file, never a terminal)."""

from fairmined.report._output import OutputFormat

XLSX = OutputFormat("xlsx", "an Excel workbook (needs --out FILE)", workbook=True)
