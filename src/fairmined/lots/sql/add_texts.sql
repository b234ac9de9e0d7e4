INSERT INTO texts SELECT unnest($line), unnest($text)
