-- The work queues now ask for a unit's letters by containment (assigned_units @> array[unit]),
-- which this GIN index serves; "unit = any(assigned_units)", the form they used before, cannot
-- use it, so it was written for every letter and read by no query. Letters not yet assigned
-- (every new letter) are left out: taking a letter in no longer adds an entry to the index's
-- pending list, nor pays for that list's clean-up every few tens of thousands of letters.
drop index letters_units_idx;
create index letters_units_idx on letters using gin (assigned_units) where assigned_units <> '{}';
