-- Every mass-balance entry (for the Python reduction, when a mass does not fit SQL's units).
SELECT period, day, line, fine7
FROM verdicts
WHERE status <> 'invalid' AND period IS NOT NULL
ORDER BY line
