-- The first and last line of the results.
SELECT min(line), max(line) FROM final
