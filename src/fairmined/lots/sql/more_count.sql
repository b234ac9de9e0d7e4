-- How many lots have findings across rows.
SELECT count(*) FROM more_findings
