-- Every result's text, one line each in input order, between the format's
-- $head and $tail (left out when empty), written by DuckDB to $path: a CSV of
-- one column with neither quotes nor escapes, so each text is written as it
-- is (no text holds the delimiter, chr(1)); over the file itself, not through
-- a temporary one (the caller made $path with the mode it must keep). Each
-- text is the one Python rendered or, for the rest, the caller's SQL
-- expression (in place of the braced render below) over the columns of the
-- results (final, or written: see written.sql) and due_text, paid_text, sorted
-- by line (the union keeps its parts' order).
COPY (
    SELECT $head WHERE $head <> ''
    UNION ALL
    (SELECT coalesce(text, {render})
    FROM (SELECT *, fm_cents_text(due) AS due_text, fm_cents_text(paid) AS paid_text FROM {table})
    ORDER BY line)
    UNION ALL
    SELECT $tail WHERE $tail <> ''
) TO ($path) (FORMAT csv, HEADER false, QUOTE '', ESCAPE '', DELIMITER '\x01', USE_TMP_FILE false)
