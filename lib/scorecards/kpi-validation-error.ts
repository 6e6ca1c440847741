/**
 * Typed validation errors of KPI definitions, trees and targets. Returned as values
 * (a list, empty when valid) so a form can show every problem at once; the GraphQL
 * layer maps them to its `AppError` codes. `field` is the path of the offending input.
 */
export type KpiValidationError =
  | { code: "KEY_INVALID"; kpiKey: string; field: "key"; message: string }
  | { code: "DUPLICATE_KEY"; kpiKey: string; field: "key"; message: string }
  | { code: "WEIGHT_NOT_POSITIVE"; kpiKey: string; field: "weight"; message: string }
  | {
      code: "THRESHOLDS_OUT_OF_ORDER" | "THRESHOLD_NOT_POSITIVE";
      kpiKey: string;
      field: "thresholds" | "thresholds.atRisk" | "thresholds.onTrack";
      message: string;
    }
  | { code: "RANGE_MISSING" | "RANGE_OUT_OF_ORDER" | "RANGE_NEGATIVE"; kpiKey: string; field: "range"; message: string }
  | { code: "UNKNOWN_PARENT"; kpiKey: string; field: "parentKey"; parentKey: string; message: string }
  | {
      code: "TREE_CYCLE";
      kpiKey: string;
      field: "parentKey";
      /** The loop as keys, first key repeated at the end: ["a", "b", "a"]. */
      cycle: string[];
      message: string;
    }
  | { code: "TARGET_WRONG_SIGN" | "TARGET_ZERO"; kpiKey: string; field: "target"; message: string };

export type KpiValidationErrorCode = KpiValidationError["code"];
