-- A plain CSV file (no double quote, no lone carriage return, UTF-8: the
-- engine checked it) read by DuckDB itself, on every thread, line by line:
-- the lines after the header in file order (a blank line is NULL), without
-- their line breaks. Every option is given, so nothing is sniffed: one
-- column of text, cut at no delimiter (chr(1) is not in the file), no quotes.
-- raw_lines.sql numbers them.
CREATE OR REPLACE TABLE csv_raw AS
SELECT raw
FROM read_csv(
    $path,
    columns = {'raw': 'VARCHAR'}, header = false, skip = 1, auto_detect = false,
    delim = '\x01', quote = '', escape = '', strict_mode = false
)
