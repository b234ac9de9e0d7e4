-- How many texts Python rendered for the file being written.
SELECT count(*) FROM texts
