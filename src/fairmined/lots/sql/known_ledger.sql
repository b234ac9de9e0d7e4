-- With a ledger: the lots of earlier deliveries.
CREATE TEMP VIEW known_lots AS
SELECT lot_key, lot_id, content, delivery, line, status, cert, metal, day, fine7
FROM ledger.lots
