import type { FieldError } from "@/lib/errors/app-error";
import { AppError } from "@/lib/errors/app-error";
import type { MetricUnit } from "@/lib/metrics/metric-definition";
import { type CustomMetricsCompilation, compileCustomMetrics } from "@/lib/metrics/formula/compile-custom-metrics";
import type { FormulaError } from "@/lib/metrics/formula/formula-error";
import type { MetricDefinitions } from "./load-metric-definitions";
import { type UserReason, isUserErrorCode, renderReason, userReason } from "@/lib/errors/user-errors";
import type { Locale } from "@/lib/i18n/config";

/** A formula problem for the API: the message plus where it is (UTF-16 offsets, end exclusive). */
export interface FormulaProblem {
  code: string;
  /** English; {@link formulaProblemText} gives the text in a person's language. */
  message: string;
  start: number;
  end: number;
  /** The values the code's text names (FORMULA_<code> in lib/errors/user-errors.ts). */
  params?: Record<string, string | number>;
}

/** The registered reason of a formula problem (FORMULA_<code> with its params); null for an unregistered code. */
function formulaReason(problem: Pick<FormulaProblem, "code" | "params">): UserReason | null {
  const code = `FORMULA_${problem.code}`;
  return isUserErrorCode(code) ? userReason(code, problem.params) : null;
}

/** A formula problem as a person reads it, in `locale` (SPEC §10); the English message for an unregistered code. */
export function formulaProblemText(
  problem: Pick<FormulaProblem, "code" | "message" | "params">,
  locale: Locale,
): string {
  const reason = formulaReason(problem);
  return reason ? renderReason(reason, locale) : problem.message;
}

export interface FormulaCheck {
  ok: boolean;
  /** The unit the formula gives, when valid. */
  unit: MetricUnit | null;
  /** Problems of this formula, each positioned. */
  errors: FormulaProblem[];
  /** Keys the formula reads. */
  references: string[];
  /** The whole set compiled with this formula in place (to check the other metrics still hold). */
  compilation: CustomMetricsCompilation;
}

/**
 * Checks `formula` as the definition of custom metric `key` among the workspace's other
 * custom metrics (replacing the stored one when `key` exists): syntax, names, units, `prev`
 * nesting, division by a literal zero, cycles through other custom metrics. Never throws.
 * Used by live validation in the editor and by create/update before anything is saved.
 */
export function checkCustomMetricFormula(defs: MetricDefinitions, key: string, formula: string): FormulaCheck {
  const sources = defs.customMetrics.filter((m) => m.key !== key).map((m) => ({ key: m.key, formula: m.formula }));
  sources.push({ key, formula });
  const compilation = compileCustomMetrics(sources, defs.customMeasures);
  const compiled = compilation.metrics.find((m) => m.key === key);
  const errors = (compilation.errors.get(key) ?? []).map(toProblem);
  return {
    ok: errors.length === 0 && compiled !== undefined,
    unit: compiled?.unit ?? null,
    errors,
    references: compiled ? [...new Set(compiled.references.map((r) => r.key))] : [],
    compilation,
  };
}

/**
 * Throws BAD_USER_INPUT when the check failed, or when the change would break another
 * custom metric that compiled before (a unit change under a dependent, a new cycle). Field
 * errors carry the formula position: `{ path: [...formulaPath], message, code, position: { start, end } }`.
 */
export function assertFormulaAccepted(
  check: FormulaCheck,
  defs: MetricDefinitions,
  key: string,
  formulaPath: (string | number)[],
): void {
  if (!check.ok) {
    throw new AppError(
      "BAD_USER_INPUT",
      `Formula: ${check.errors.map((e) => `${e.message} (at ${e.start}–${e.end})`).join("; ")}`,
      {
        fieldErrors: check.errors.map((e) => positioned(formulaPath, e)),
      },
    );
  }
  const broken = [...check.compilation.errors.keys()].filter((k) => k !== key && !defs.compilation.errors.has(k));
  if (broken.length > 0) {
    throw AppError.badInput(formulaPath, "FORMULA_BREAKS_METRICS", { metrics: broken.join(", ") });
  }
}

export function positioned(path: (string | number)[], e: FormulaProblem): FieldError {
  const error: FieldError & { code: string; position: { start: number; end: number } } = {
    path,
    message: e.message,
    code: e.code,
    position: { start: e.start, end: e.end },
  };
  const reason = formulaReason(e);
  if (reason) error.reason = reason;
  return error;
}

export function toProblem(e: FormulaError): FormulaProblem {
  return {
    code: e.code,
    message: e.message,
    start: e.position.start,
    end: e.position.end,
    ...(e.params ? { params: e.params } : {}),
  };
}
