-- A result as lot_csv_text writes it, for a result lot_csv_when.sql keeps,
-- over line, lot_id, status, checks, messages, due_text and paid_text:
-- every cell a spreadsheet would run as a formula starts with a quote mark;
-- a cell with a comma or a double quote is quoted, its double quotes doubled.
array_to_string(list_transform(
[
    line::VARCHAR, lot_id, status, array_to_string(checks, ';'),
    array_to_string(messages, ' | '), coalesce(due_text, ''), coalesce(paid_text, ''),
    CASE WHEN due_text IS NULL AND paid_text IS NULL THEN '' ELSE 'USD' END, ''
],
lambda c: CASE
    WHEN regexp_matches(c, '[,"]')
    THEN '"' || replace(CASE WHEN regexp_matches(c, '^[=+\-@]') THEN '''' ELSE '' END || c,
        '"', '""') || '"'
    ELSE CASE WHEN regexp_matches(c, '^[=+\-@]') THEN '''' ELSE '' END || c
END
), ',')
