'{"format": "fairmined-lot/1", "line": ' || line || ', "lot_id": "' || lot_id || '", "status": "pass", "findings": [], '
|| '"premium_due": {"amount": "' || due_text || '", "currency": "USD"}, '
|| '"premium_paid": {"amount": "' || paid_text || '", "currency": "USD"}, "reason": null}'
