-- The summary's counts and totals (in cents).
SELECT
    count(*) AS rows,
    count(*) FILTER (WHERE status = 'pass') AS passed,
    count(*) FILTER (WHERE status = 'fail') AS failed,
    count(*) FILTER (WHERE status = 'invalid') AS invalid,
    coalesce(sum(due), 0)::VARCHAR AS due,
    coalesce(sum(paid), 0)::VARCHAR AS paid,
    coalesce(sum(due - paid) FILTER (WHERE paid < due), 0)::VARCHAR AS shortfall,
    count(due) AS with_due,
    count(paid) AS with_paid
FROM final
