-- Texts rendered in Python, by line, for the rows the SQL expression leaves.
INSERT INTO texts SELECT unnest($line), unnest($text)
