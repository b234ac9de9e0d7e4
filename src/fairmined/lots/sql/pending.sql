-- The lines the Python reference judges, in input order.
SELECT line, raw FROM checked WHERE py ORDER BY line
