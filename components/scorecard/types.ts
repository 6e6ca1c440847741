import { type ResultOf, documentText, graphql } from "@/graphql/client/graphql";
import type { MetricInfo } from "./format";

/**
 * The scorecard selections the pages share, as typed fragments (graphql/client/graphql.ts): the
 * data types below are what the fragments select, derived from the schema — a field a page
 * did not ask for does not exist for the compiler.
 */
export const ShownChangeFields = graphql(`
  fragment ShownChangeFields on MetricChange {
    kind
    value
    verdict
  }
`);

export const ScorecardKpiFields = graphql(
  `
    fragment ScorecardKpiFields on ScorecardKpi {
      key
      metricKey
      channelScope
      actual
      actualReason
      target
      targetSource
      attainment
      attainmentToDate
      expectedToDate
      forecast
      variance
      varianceToDate
      status
      trend
      trendDirection
      previousValue
      previousToDateValue
      lastYearValue
      gateFailed
      weight
      change {
        ...ShownChangeFields
      }
      lastYearChange {
        ...ShownChangeFields
      }
      gate {
        metricKey
        comparator
        threshold
        actual
        state
      }
      series {
        date
        value
      }
      drives {
        key
        metricKey
      }
      diagnostics {
        metricKey
        channelScope
        value
        previousValue
        trend
        change {
          ...ShownChangeFields
        }
      }
      annotation {
        body
        updatedAt
      }
      kpi {
        id
        direction
      }
    }
  `,
  [ShownChangeFields],
);

/** Health checks in both languages: the UI picks by its own locale (the API's default follows the user's saved one). */
export const HealthCheckFields = graphql(`
  fragment HealthCheckFields on HealthCheck {
    code
    severity
    owner
    kpiKeys
    message
    messageEn
    messageRu
    rule
    ruleEn
    ruleRu
  }
`);

export const CatalogFields = graphql(`
  fragment CatalogFields on MetricCatalogEntry {
    key
    unit
    nameEn
    nameRu
    direction
    class
    kind
    multiple
  }
`);

/** The scorecard fields the pages read (GraphQL ScorecardKpi). */
export type ScorecardKpiData = ResultOf<typeof ScorecardKpiFields>;
export type HealthCheckData = ResultOf<typeof HealthCheckFields>;

export const ScorecardFields = graphql(
  `
    fragment ScorecardFields on Scorecard {
      role
      owner
      asOf
      elapsedShare
      score
      period {
        type
        from
        to
        label
        days
      }
      statusCounts {
        onTrack
        atRisk
        offTrack
        noData
        noTarget
      }
      kpis {
        ...ScorecardKpiFields
      }
      companyTargets {
        ...ScorecardKpiFields
      }
      healthChecks {
        ...HealthCheckFields
      }
      unmappedChannels
    }
  `,
  [ScorecardKpiFields, HealthCheckFields],
);

/** A scorecard as the scorecard page reads it (GraphQL Scorecard). */
export type ScorecardData = ResultOf<typeof ScorecardFields>;

/**
 * @deprecated The fragments' text, for pages whose documents are still strings (interpolated as
 * `${CATALOG_FIELDS}`); typed documents list the fragment documents instead.
 */
export const CATALOG_FIELDS = documentText(CatalogFields);
/** @deprecated Selection text of HealthCheckFields, for string documents (see CATALOG_FIELDS). */
export const HEALTH_CHECK_FIELDS = "code severity owner kpiKeys message messageEn messageRu rule ruleEn ruleRu";

export type { MetricInfo };
