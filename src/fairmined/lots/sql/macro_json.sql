-- A value as JSON text, written as Python's json.dumps(value, ensure_ascii=False)
-- writes it: a text as a JSON string (NULL as null), a list of texts as
-- ["a", "b"]. A finding's arguments are stored in that form, keys sorted, so
-- that the JSON Lines writer copies them as they are (report/sql/lot_json.sql).
CREATE OR REPLACE TEMP MACRO fm_js(t) AS coalesce(to_json(t)::VARCHAR, 'null');
CREATE OR REPLACE TEMP MACRO fm_js_list(l) AS coalesce(
    '[' || array_to_string(list_transform(l, lambda x: fm_js(x)), ', ') || ']', 'null'
)
