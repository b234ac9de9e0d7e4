-- How many lots have each finding (a lot counted once per check).
SELECT c, count(DISTINCT line) FROM (SELECT line, unnest(checks) AS c FROM final) GROUP BY c
