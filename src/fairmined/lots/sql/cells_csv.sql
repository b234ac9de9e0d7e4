-- The lot cells of a batch of CSV lines (csv_lines), split at commas; a cell
-- the header lacks is NULL (its index is 0). A line longer than the csv
-- module's longest cell (131,072) goes to the Python reader, which names it.
SELECT
    line,
    raw,
    len(cells) = $columns AND length(raw) <= 131072
        AND NOT regexp_matches(raw, '[\x00-\x08\x0b-\x1f\x7f]') AS plain,
    cells[$lot_id] AS lot_id,
    cells[$sale_date] AS sale_date,
    cells[$certificate_id] AS certificate_id,
    cells[$metal] AS metal,
    cells[$gross_mass] AS gross_mass,
    cells[$fineness] AS fineness,
    cells[$ecological] AS ecological,
    cells[$reference_price] AS reference_price,
    cells[$price_paid] AS price_paid,
    cells[$premium_paid] AS premium_paid,
    cells[$currency] AS currency,
    cells[$supply_model] AS supply_model
FROM (SELECT line, raw, string_split(raw, ',') AS cells FROM csv_lines)
