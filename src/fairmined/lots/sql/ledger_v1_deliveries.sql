-- Schema version 1: one row per run that recorded lots, with its inputs' hashes.
CREATE TABLE ledger.deliveries (
    delivery INTEGER PRIMARY KEY,
    recorded_at TIMESTAMP,
    lots_file VARCHAR,
    lots_sha256 VARCHAR,
    certificates_sha256 VARCHAR,
    production_sha256 VARCHAR,
    prices_sha256 VARCHAR,
    lots BIGINT
)
