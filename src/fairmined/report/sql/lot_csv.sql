-- A result as lot_csv_text writes it, for a result lot_csv_when.sql keeps,
-- over line, lot_id, status, checks, messages, due_text and paid_text. Of
-- the cells only the lot id and the messages can hold a character to guard
-- (the others are digits, words and check names): a cell a spreadsheet would
-- run as a formula starts with a quote mark; a cell with a comma or a double
-- quote is quoted, its double quotes doubled. This runs once per lot.
concat(
    line, ',',
    CASE WHEN NOT regexp_matches(lot_id, '^[=+\-@]|[,"]') THEN lot_id ELSE list_transform(
        [lot_id],
        lambda c: CASE
            WHEN regexp_matches(c, '[,"]') THEN concat(
                '"', replace(concat(CASE WHEN regexp_matches(c, '^[=+\-@]') THEN '''' END, c),
                    '"', '""'), '"'
            )
            ELSE concat('''', c)
        END
    )[1] END, ',',
    status, ',',
    array_to_string(checks, ';'), ',',
    CASE WHEN NOT regexp_matches(array_to_string(messages, ' | '), '^[=+\-@]|[,"]') THEN array_to_string(messages, ' | ') ELSE list_transform(
        [array_to_string(messages, ' | ')],
        lambda c: CASE
            WHEN regexp_matches(c, '[,"]') THEN concat(
                '"', replace(concat(CASE WHEN regexp_matches(c, '^[=+\-@]') THEN '''' END, c),
                    '"', '""'), '"'
            )
            ELSE concat('''', c)
        END
    )[1] END, ',',
    coalesce(due_text, ''), ',',
    coalesce(paid_text, ''), ',',
    CASE WHEN due_text IS NULL AND paid_text IS NULL THEN '' ELSE 'USD' END, ','
)
