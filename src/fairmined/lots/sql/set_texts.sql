-- Texts rendered in Python, by line, for the rows the SQL expression leaves.
UPDATE final SET text = t.text
FROM (SELECT unnest($line) AS line, unnest($text) AS text) AS t
WHERE final.line = t.line
