-- Text of whole CSV lines, as read: the line number of its first line and the text.
CREATE TABLE csv_chunks (first_line BIGINT, body VARCHAR)
