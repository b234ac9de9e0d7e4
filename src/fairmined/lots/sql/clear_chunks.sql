-- The chunks of a batch, once checked.
DELETE FROM csv_chunks
