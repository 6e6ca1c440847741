-- SPEC §4.2 "Time-normalised unit economics": the maximum customer lifetime in months caps
-- subscription LTV when churn is zero or tiny. NULL = no cap (LTV without churn has no value).
ALTER TABLE metric_settings
  ADD COLUMN max_customer_lifetime_months numeric DEFAULT 60
    CHECK (max_customer_lifetime_months IS NULL OR (max_customer_lifetime_months >= 1 AND max_customer_lifetime_months <= 600));
