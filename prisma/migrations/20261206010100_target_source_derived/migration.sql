-- SPEC §5 "Targets flow down": a version with source 'derived' (value NULL) returns a KPI's
-- target for a period to its derivation (pipeline = 3 × revenue, the sum of the months, the
-- standing default) after someone had set it explicitly. History stays append-only.
ALTER TABLE kpi_target_versions DROP CONSTRAINT kpi_target_versions_source_check;
ALTER TABLE kpi_target_versions ADD CONSTRAINT kpi_target_versions_source_check
  CHECK (source IN ('manual', 'planner', 'template', 'derived'));
