-- Every row's result (joined.sql) with the text Python rendered for it, if
-- any (texts.sql), in no set order.
CREATE VIEW final AS
SELECT j.*, t.text
FROM joined AS j
LEFT JOIN texts AS t USING (line)
