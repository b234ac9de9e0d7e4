-- Without a ledger: no lot is known from earlier deliveries.
CREATE TEMP VIEW known_lots AS
SELECT
    NULL::VARCHAR AS lot_key, NULL::VARCHAR AS lot_id, NULL::VARCHAR AS content,
    NULL::INTEGER AS delivery, NULL::BIGINT AS line, NULL::VARCHAR AS status,
    NULL::VARCHAR AS cert, NULL::VARCHAR AS metal, NULL::DATE AS day, NULL::HUGEINT AS fine7
WHERE false
