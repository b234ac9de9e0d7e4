INSERT INTO csv_chunks VALUES ($first_line, $body)
