-- Whole cents as the messages write an amount: 4,975.00 USD.
CREATE OR REPLACE TEMP MACRO fm_usd(c) AS
    format('{:,}', (c // 100)::BIGINT) || '.' || lpad((c % 100)::VARCHAR, 2, '0') || ' USD'
