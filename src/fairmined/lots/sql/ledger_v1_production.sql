-- Schema version 1: the declared production periods last given, per
-- certificate, metal and period; declared7 in 10^-7 g.
CREATE TABLE ledger.production (
    cert VARCHAR,
    metal VARCHAR,
    p_start DATE,
    p_end DATE,
    declared7 HUGEINT,
    declared_text VARCHAR,
    delivery INTEGER
)
