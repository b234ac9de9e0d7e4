-- Schema version 1: every verified lot with its verdict; lot_key is the id as
-- duplicates compare it, content a SHA-256 of the row's cells; fine7 is the
-- fine mass in 10^-7 g, due and paid the premiums in cents.
CREATE TABLE ledger.lots (
    lot_key VARCHAR,
    lot_id VARCHAR,
    content VARCHAR,
    delivery INTEGER,
    line BIGINT,
    status VARCHAR,
    checks VARCHAR[],
    cert VARCHAR,
    metal VARCHAR,
    day DATE,
    fine7 HUGEINT,
    due HUGEINT,
    paid HUGEINT
)
