-- Verdicts of the Python reference, one list per column.
INSERT INTO verdicts SELECT
    unnest($line),
    unnest($lot_id),
    unnest($status),
    unnest($checks),
    unnest($messages),
    unnest($due)::HUGEINT,
    unnest($paid)::HUGEINT,
    unnest($reason),
    unnest($period),
    unnest($day),
    unnest($fine7)::HUGEINT,
    unnest($cert),
    unnest($metal),
    unnest($content)
