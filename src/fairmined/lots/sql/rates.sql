-- The standards' price schedules: one row per schedule row, in the standard's
-- order (prio); figures in whole 10^-4 (fractions) or cents per kg (fixed
-- premiums), NULL when the row uses the other kind. usable is false when a
-- figure does not fit these units: such rows go to the Python reference.
-- The texts are the rules as the price findings describe them, the args as
-- their arguments: the members of a JSON object, keys sorted, without braces.
CREATE TABLE rates AS SELECT
    unnest($std) AS std,
    unnest($metal) AS metal,
    unnest($prio) AS prio,
    unnest($eff_from) AS eff_from,
    unnest($eff_to) AS eff_to,
    unnest($floor4)::HUGEINT AS floor4,
    unnest($prem4)::HUGEINT AS prem4,
    unnest($prem_kg2)::HUGEINT AS prem_kg2,
    unnest($eco4)::HUGEINT AS eco4,
    unnest($eco_kg2)::HUGEINT AS eco_kg2,
    unnest($usable) AS usable,
    unnest($std_id) AS std_id,
    unnest($sched_text) AS sched_text,
    unnest($floor_text) AS floor_text,
    unnest($prem_text) AS prem_text,
    unnest($eco_text) AS eco_text,
    unnest($floor_args) AS floor_args,
    unnest($prem_args) AS prem_args,
    unnest($eco_args) AS eco_args
