-- The buyer's ledger, to look at only.
ATTACH $path AS ledger (READ_ONLY)
