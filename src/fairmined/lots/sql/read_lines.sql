-- A plain CSV file (no double quote, no lone carriage return, UTF-8: the
-- engine checked it) read by DuckDB itself, line by line: the lines after the
-- header, numbered in file order from 2, without their line breaks; blank
-- lines (NULL) dropped. Every option is given, so nothing is sniffed: one
-- column of text, cut at no delimiter (chr(1) is not in the file), no quotes.
CREATE OR REPLACE TABLE csv_lines AS
SELECT line, raw
FROM (
    SELECT row_number() OVER () + 1 AS line, raw
    FROM read_csv(
        $path,
        columns = {'raw': 'VARCHAR'}, header = false, skip = 1, auto_detect = false,
        delim = '\x01', quote = '', escape = '', strict_mode = false
    )
)
WHERE raw IS NOT NULL
