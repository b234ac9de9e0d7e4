-- Verdicts of the Python reference, one list per column.
INSERT INTO verdicts SELECT
    unnest($line),
    unnest($lot_id),
    unnest($status),
    unnest($checks),
    unnest($messages),
    unnest($args),
    unnest($due)::HUGEINT,
    unnest($paid)::HUGEINT,
    unnest($reason),
    unnest($reason_code),
    unnest($reason_args),
    unnest($period),
    unnest($day),
    unnest($fine7)::HUGEINT,
    unnest($cert),
    unnest($metal),
    unnest($content)
