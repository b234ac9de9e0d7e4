-- A result as lot_json_text writes it, for a result lot_json_when.sql
-- keeps, over line, lot_id, status, checks, messages, args (JSON objects
-- stored with their keys sorted, as json.dumps writes them: copied as they
-- are), due_text and paid_text. One concat, and no list work for a lot
-- without findings: this runs once per lot.
concat(
    '{"format": "fairmined-lot/1", "line": ', line, ', "lot_id": "', lot_id,
    '", "status": "', status, '", "findings": [',
    CASE WHEN len(checks) > 0 THEN array_to_string(list_transform(
        list_zip(checks, messages, args),
        lambda f: concat('{"check": "', f[1], '", "message": "', f[2], '", "args": ', f[3], '}')
    ), ', ') END,
    '], "premium_due": ',
    CASE WHEN due_text IS NULL THEN 'null'
        ELSE concat('{"amount": "', due_text, '", "currency": "USD"}') END,
    ', "premium_paid": ',
    CASE WHEN paid_text IS NULL THEN 'null'
        ELSE concat('{"amount": "', paid_text, '", "currency": "USD"}') END,
    ', "reason": null}'
)
