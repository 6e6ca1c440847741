-- Agency branding on client reports (issue 14): copy on grant, not a reference.
--
-- The agency's branding is agency-owned: its name and primary_color (already on agencies) and,
-- now, a logo — readable only in the agency's own scope (agency_isolation).
-- A report in a client workspace that picks its agency's branding points at a COPY of it: a
-- brandings row of the CLIENT (workspace_id first, tenant policy like every tenant table) with
-- owner_kind 'AGENCY' and agency_id. So a report, its share page, its PDF and its scheduled
-- e-mail still read nothing but rows of the client's own scope. The database keeps the copies
-- where they may be:
--   * a copy can only be written while the client's grant to that agency exists (trigger);
--   * revoking the grant deletes the copies in the same transaction (trigger), and reports
--     that used one fall back to the workspace's own branding (branding_id ON DELETE SET NULL);
--   * in the client's scope the agency's row (and so its logo) is readable only through the
--     existing policy agencies_of_client: agencies holding a grant on the current tenant.
-- The agency's settings refresh every copy when the agency edits its branding
-- (lib/branding/agency-branding.ts), each in that client's own tenant transaction.

ALTER TABLE agencies
  ADD COLUMN logo bytea,
  ADD COLUMN logo_type text CHECK (logo_type IN ('image/png', 'image/jpeg', 'image/webp')),
  ADD CONSTRAINT agencies_logo_pair CHECK ((logo IS NULL) = (logo_type IS NULL)),
  ADD CONSTRAINT agencies_logo_size CHECK (logo IS NULL OR octet_length(logo) <= 524288);

ALTER TABLE brandings
  ADD CONSTRAINT brandings_agency_owner CHECK ((owner_kind = 'AGENCY') = (agency_id IS NOT NULL)),
  ADD CONSTRAINT brandings_agency_id_fkey FOREIGN KEY (agency_id) REFERENCES agencies (id) ON DELETE CASCADE;
-- One copy per (client, agency).
CREATE UNIQUE INDEX brandings_workspace_id_agency_id_key ON brandings (workspace_id, agency_id) WHERE agency_id IS NOT NULL;

CREATE OR REPLACE FUNCTION brandings_require_grant() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.agency_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM agency_grants g WHERE g.workspace_id = NEW.workspace_id AND g.agency_id = NEW.agency_id
  ) THEN
    RAISE EXCEPTION 'an agency branding needs the workspace''s grant to that agency' USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER brandings_require_grant BEFORE INSERT OR UPDATE ON brandings
  FOR EACH ROW EXECUTE FUNCTION brandings_require_grant();

CREATE OR REPLACE FUNCTION agency_grants_drop_branding() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM brandings WHERE workspace_id = OLD.workspace_id AND agency_id = OLD.agency_id;
  RETURN OLD;
END $$;
CREATE TRIGGER agency_grants_drop_branding AFTER DELETE ON agency_grants
  FOR EACH ROW EXECUTE FUNCTION agency_grants_drop_branding();

-- A report's look is part of what a cached report document shows (the share page caches its
-- document per data version, lib/reports/open-shared-report.ts): a branding write bumps the
-- workspace's data version like any write a report reads.
CREATE TRIGGER bump_data_version BEFORE INSERT OR UPDATE OR DELETE ON brandings
  FOR EACH STATEMENT EXECUTE FUNCTION bump_workspace_data_version();
