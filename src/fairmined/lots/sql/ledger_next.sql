-- The number of the next delivery.
SELECT coalesce(max(delivery), 0) + 1 FROM ledger.deliveries
