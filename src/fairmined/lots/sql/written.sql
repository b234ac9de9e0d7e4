-- The results with many texts rendered in Python, as a table: copy.sql then
-- sorts a table instead of a join with a large table of texts.
CREATE OR REPLACE TABLE written AS SELECT * FROM final
