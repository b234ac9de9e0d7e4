-- Schema version 1: what the file is.
CREATE TABLE ledger.meta (key VARCHAR PRIMARY KEY, value VARCHAR)
