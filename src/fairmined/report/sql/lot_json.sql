-- A result as lot_json_text writes it, for a result lot_json_when.sql
-- keeps, over line, lot_id, status, checks, messages, args (JSON objects,
-- written with their keys sorted), due_text and paid_text.
'{"format": "fairmined-lot/1", "line": ' || line || ', "lot_id": "' || lot_id
|| '", "status": "' || status || '", "findings": ['
|| array_to_string(list_transform(range(1, len(checks) + 1), lambda i:
    '{"check": "' || checks[i] || '", "message": "' || messages[i] || '", "args": {'
    || array_to_string(list_transform(list_sort(json_keys(args[i])), lambda k:
        '"' || k || '": '
        || replace(json_extract(args[i], '$."' || k || '"')::VARCHAR, '","', '", "')
    ), ', ') || '}}'
), ', ')
|| '], "premium_due": '
|| CASE WHEN due_text IS NULL THEN 'null'
    ELSE '{"amount": "' || due_text || '", "currency": "USD"}' END
|| ', "premium_paid": '
|| CASE WHEN paid_text IS NULL THEN 'null'
    ELSE '{"amount": "' || paid_text || '", "currency": "USD"}' END
|| ', "reason": null}'
