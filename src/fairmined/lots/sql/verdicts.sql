-- Every row's verdict before the checks across rows: amounts in cents, fine
-- mass in 10^-7 g, the production period it counts against; with a ledger,
-- the certificate, metal and a hash of the row's cells (content). A finding's
-- arguments and an invalid row's reason arguments are JSON objects.
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
    content VARCHAR
)
