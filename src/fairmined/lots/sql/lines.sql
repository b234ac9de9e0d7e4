-- The lines of the CSV chunks, numbered, without their line breaks (blank lines dropped).
CREATE OR REPLACE TABLE csv_lines AS
WITH pieces AS (
    SELECT first_line, unnest(s) AS t, generate_subscripts(s, 1) AS i
    FROM (SELECT first_line, string_split(body, chr(10)) AS s FROM csv_chunks)
)
SELECT first_line + i - 1 AS line, rtrim(t, chr(13)) AS raw
FROM pieces
WHERE t <> ''
