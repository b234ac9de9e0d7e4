INSERT INTO ledger.deliveries VALUES (
    $delivery, now()::TIMESTAMP, $lots_file, $lots_sha256, $certificates_sha256,
    $production_sha256, $prices_sha256, $lots
)
