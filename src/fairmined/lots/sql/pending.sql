-- The lines the Python reference judges, in input order, with their text.
SELECT line, c.raw
FROM csv_lines AS c
SEMI JOIN (SELECT line FROM verdicts WHERE pending) AS p USING (line)
ORDER BY line
