-- The rows of a DataFrame or Arrow table the Python reference judges, in
-- input order: the line, then the lot columns as text (the engine puts
-- cells_table.sql in place of the braced name below).
SELECT * EXCLUDE (raw, plain)
FROM ({cells}) AS t
SEMI JOIN (SELECT line FROM verdicts WHERE pending) AS p USING (line)
ORDER BY t.line
