line || ',' || lot_id || ',pass,,,' || due_text || ',' || paid_text || ',USD,'
