-- The texts rendered in Python, by line.
CREATE TABLE texts (line BIGINT, text VARCHAR)
