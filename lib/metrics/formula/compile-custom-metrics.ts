import { getMetricDefinition } from "../catalog";
import { BASE_MEASURES, type MeasureDefinition } from "../measures";
import type { MetricUnit } from "../metric-definition";
import { collectReferences, type FormulaNode, type FormulaReference } from "./formula-ast";
import { formulaError, type FormulaError } from "./formula-error";
import { checkFormula, type FormulaSymbol } from "./check-formula";
import { parseFormula } from "./parse-formula";

/** A workspace's custom derived metric as stored. */
export interface CustomMetricSource {
  key: string;
  formula: string;
  /** The unit the author declared, if any; the inferred unit must match it. */
  unit?: MetricUnit;
}

export interface CompiledCustomMetric {
  key: string;
  formula: string;
  ast: FormulaNode;
  unit: MetricUnit;
  references: FormulaReference[];
  /** Keys of other custom metrics this one reads (directly). */
  dependsOn: string[];
}

export interface CustomMetricsCompilation {
  /** Valid metrics in dependency order (each after everything it reads). */
  metrics: CompiledCustomMetric[];
  /** Errors by custom metric key; a key is absent when its formula is valid. */
  errors: Map<string, FormulaError[]>;
}

/**
 * Compiles a workspace's custom metrics together, because they may reference
 * each other by key: parses every formula, rejects keys that clash, detects
 * reference cycles, then type-checks in dependency order so that a metric's
 * unit is known before the metrics that use it are checked.
 *
 * Cycles: `a = b / 2`, `b = a + 1` can never be evaluated. Each metric on a
 * cycle gets a `CYCLE` error naming the whole path from itself
 * (`"a → b → a"`), positioned at its reference to the next metric of the path.
 * `prev(x)` references count too: `a = prev(a) + 1` would need every earlier
 * period, and only one previous period exists. A metric that reads an invalid
 * metric (broken formula or on a cycle) gets `INVALID_DEPENDENCY` at that
 * reference, so one broken formula does not hide behind a vague error elsewhere.
 *
 * Never throws.
 */
export function compileCustomMetrics(
  sources: readonly CustomMetricSource[],
  customMeasures: readonly MeasureDefinition[] = [],
): CustomMetricsCompilation {
  const errors = new Map<string, FormulaError[]>();
  const addError = (key: string, error: FormulaError) => errors.set(key, [...(errors.get(key) ?? []), error]);

  const measures = new Map<string, MeasureDefinition>();
  for (const m of [...BASE_MEASURES, ...customMeasures]) measures.set(m.key, m);

  const isReserved = (key: string) => measures.has(key) || getMetricDefinition(key) !== undefined || key === "prev";

  // 1. Keys and syntax.
  const parsed = new Map<string, { source: CustomMetricSource; ast: FormulaNode; customRefs: FormulaReference[] }>();
  const seen = new Set<string>();
  for (const source of sources) {
    const whole = { start: 0, end: source.formula.length };
    if (seen.has(source.key)) {
      addError(
        source.key,
        formulaError("DUPLICATE_KEY", `Two custom metrics are named "${source.key}"`, whole, { key: source.key }),
      );
      parsed.delete(source.key);
      continue;
    }
    seen.add(source.key);
    if (isReserved(source.key)) {
      addError(
        source.key,
        formulaError("RESERVED_KEY", `"${source.key}" is already a measure or catalog metric`, whole, {
          key: source.key,
        }),
      );
      continue;
    }
    const result = parseFormula(source.formula);
    if (!result.ok) {
      addError(source.key, result.error);
      continue;
    }
    parsed.set(source.key, { source, ast: result.ast, customRefs: [] });
  }
  // Reserved keys keep meaning the measure or catalog metric, so they are not custom references.
  const customKeys = new Set(sources.map((s) => s.key).filter((key) => !isReserved(key)));
  for (const entry of parsed.values()) {
    entry.customRefs = collectReferences(entry.ast).filter((ref) => customKeys.has(ref.key));
  }

  // 2. Cycles (depth-first search; a back edge closes a cycle).
  const state = new Map<string, "visiting" | "done">();
  const stack: string[] = [];
  const onCycle = new Set<string>();
  const visit = (key: string) => {
    state.set(key, "visiting");
    stack.push(key);
    for (const ref of parsed.get(key)?.customRefs ?? []) {
      if (!parsed.has(ref.key)) continue;
      const refState = state.get(ref.key);
      if (refState === "visiting") {
        const cycle = stack.slice(stack.indexOf(ref.key));
        reportCycle(cycle);
      } else if (refState === undefined) {
        visit(ref.key);
      }
    }
    stack.pop();
    state.set(key, "done");
  };
  const reportCycle = (cycle: string[]) => {
    cycle.forEach((key, i) => {
      if (onCycle.has(key)) return; // already reported on an earlier cycle through the same metric
      const rotated = [...cycle.slice(i), ...cycle.slice(0, i), key];
      const next = cycle[(i + 1) % cycle.length];
      const at = parsed.get(key)!.customRefs.find((r) => r.key === next)!;
      addError(
        key,
        formulaError("CYCLE", `Circular reference: ${rotated.join(" → ")}`, at.span, { cycle: rotated.join(" → ") }),
      );
    });
    for (const key of cycle) onCycle.add(key);
  };
  for (const key of parsed.keys()) if (!state.has(key)) visit(key);

  // 3. Type-check in dependency order (post-order of the reference graph).
  const compiled = new Map<string, CompiledCustomMetric>();
  const ordered: CompiledCustomMetric[] = [];
  const checked = new Set<string>();
  const check = (key: string) => {
    if (checked.has(key)) return;
    checked.add(key);
    const entry = parsed.get(key);
    if (!entry || onCycle.has(key)) return;
    let dependencyFailed = false;
    for (const ref of entry.customRefs) {
      check(ref.key);
      if (!compiled.has(ref.key)) {
        dependencyFailed = true;
        addError(
          key,
          formulaError("INVALID_DEPENDENCY", `"${ref.key}" has an error of its own`, ref.span, { metric: ref.key }),
        );
      }
    }
    if (dependencyFailed) return;
    const result = checkFormula(entry.ast, (name): FormulaSymbol | undefined => {
      const measure = measures.get(name);
      if (measure) return { kind: "measure", unit: measure.unit };
      const metric = getMetricDefinition(name);
      if (metric) return { kind: "metric", unit: metric.unit };
      const custom = compiled.get(name);
      if (custom) return { kind: "custom_metric", unit: custom.unit };
      return undefined;
    });
    if (!result.ok) {
      for (const error of result.errors) addError(key, error);
      return;
    }
    const declared = entry.source.unit;
    if (declared !== undefined && declared !== result.unit) {
      addError(
        key,
        formulaError("UNIT_MISMATCH", `The formula gives ${result.unit}, but the metric is declared as ${declared}`, {
          start: 0,
          end: entry.source.formula.length,
        }),
      );
      return;
    }
    const metric: CompiledCustomMetric = {
      key,
      formula: entry.source.formula,
      ast: entry.ast,
      unit: result.unit,
      references: result.references,
      dependsOn: [...new Set(entry.customRefs.map((r) => r.key))],
    };
    compiled.set(key, metric);
    ordered.push(metric);
  };
  for (const key of parsed.keys()) check(key);

  return { metrics: ordered, errors };
}
