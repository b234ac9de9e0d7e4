-- The buyer's ledger file (created if missing), as the schema "ledger".
ATTACH $path AS ledger
