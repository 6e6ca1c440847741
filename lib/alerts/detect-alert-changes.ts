import type { AlertRule, AlertSeverity } from "./alert-rules";
import { ALERT_SEVERITY } from "./alert-rules";

export interface LocalizedText {
  ru: string;
  en: string;
}

/** Who receives an alert: the owners of a scorecard, or the workspace's managers. */
export type AlertAudience = { kind: "scorecard"; owner: string } | { kind: "managers"; withCmo: boolean };

/** An alert about to be recorded: what it says in both languages and its figures as data. */
export interface AlertDraft {
  rule: AlertRule;
  severity: AlertSeverity;
  subject: string;
  kpiId: string | null;
  audience: AlertAudience;
  title: LocalizedText;
  body: LocalizedText;
  ruleText: LocalizedText;
  figures: Record<string, unknown>;
}

/**
 * One condition an evaluation observed, e.g. ("kpi_status", kpi id) → "OFF_TRACK". `state`
 * null means "nothing to judge now" (no data, no target): the stored state is kept, so a KPI
 * that goes off track → no data → off track fires once.
 */
export interface Observation {
  family: "kpi_status" | "forecast" | "ltv_cac" | "channel" | "import" | "webhook";
  subject: string;
  state: string | null;
  /** The alert the change from `previous` (null: never seen) to `state` raises, if any. */
  raise(previous: string | null): Omit<AlertDraft, "severity"> | null;
  /** Extra data for the "KPI status changed" webhook event. */
  figures?: Record<string, unknown>;
}

export interface StatusChange {
  subject: string;
  from: string | null;
  to: string;
  figures: Record<string, unknown>;
}

export interface AlertChanges {
  /** (family, subject) → new state, for every observation whose state differs from the stored one. */
  states: { family: string; subject: string; state: string }[];
  alerts: AlertDraft[];
  statusChanges: StatusChange[];
}

export const stateKey = (family: string, subject: string) => `${family}\u0000${subject}`;

/**
 * The pure heart of "an alert fires once per change": compares what an evaluation observed
 * with the stored states. An unchanged state raises nothing, whatever the number of
 * evaluations; a changed one updates the state and raises what its rule says for that
 * transition.
 */
export function detectAlertChanges(
  observations: readonly Observation[],
  stored: ReadonlyMap<string, string>,
): AlertChanges {
  const out: AlertChanges = { states: [], alerts: [], statusChanges: [] };
  for (const o of observations) {
    if (o.state === null) continue;
    const previous = stored.get(stateKey(o.family, o.subject)) ?? null;
    if (previous === o.state) continue;
    out.states.push({ family: o.family, subject: o.subject, state: o.state });
    if (o.family === "kpi_status")
      out.statusChanges.push({ subject: o.subject, from: previous, to: o.state, figures: o.figures ?? {} });
    const draft = o.raise(previous);
    if (draft) out.alerts.push({ ...draft, severity: ALERT_SEVERITY[draft.rule] });
  }
  return out;
}
