-- Every row's verdict before the checks across rows: amounts in cents, fine
-- mass in 10^-7 g, the production period it counts against; with a ledger,
-- the certificate, metal and a hash of the row's cells (content). A finding's
-- arguments and an invalid row's reason arguments are JSON objects. A row
-- check.sql leaves to the Python reference is pending until the engine reads
-- it and drops it (drop_pending.sql).
CREATE TABLE verdicts (
    line BIGINT,
    lot_id VARCHAR,
    status VARCHAR,
    checks VARCHAR[],
    messages VARCHAR[],
    args VARCHAR[],
    due HUGEINT,
    paid HUGEINT,
    reason VARCHAR,
    reason_code VARCHAR,
    reason_args VARCHAR,
    period INTEGER,
    day DATE,
    fine7 HUGEINT,
    cert VARCHAR,
    metal VARCHAR,
    content VARCHAR,
    pending BOOLEAN
)
