-- A lot id as duplicates are found (see _engine.lot_key): NFC, without
-- invisible format characters (Cf); an ASCII id (as many bytes as
-- characters) is already that, and skips the work.
CREATE OR REPLACE TEMP MACRO fm_lot_key(t) AS CASE
    WHEN strlen(t) = length(t) THEN t
    ELSE nfc_normalize(regexp_replace(t, '\p{Cf}', '', 'g'))
END
