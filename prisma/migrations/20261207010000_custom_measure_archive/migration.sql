-- Custom base measures can be archived (issue 12): an archived measure is hidden from the import
-- mapping and the formula editor's list, its facts and the figures read from them stay.
-- NULL = in use. custom_measures is already a tenant table (RLS forced, policy, grants).
ALTER TABLE custom_measures ADD COLUMN archived_at timestamptz(3);
