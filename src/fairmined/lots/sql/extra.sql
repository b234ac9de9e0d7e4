-- Findings across rows made in Python (the mass balance's messages).
CREATE TABLE extra (line BIGINT, check_name VARCHAR, message VARCHAR, args VARCHAR)
