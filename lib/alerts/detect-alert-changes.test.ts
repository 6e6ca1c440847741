import { describe, expect, it } from "vitest";
import { type Observation, detectAlertChanges, stateKey } from "./detect-alert-changes";
import { resolveRecipients } from "./resolve-recipients";

const text = { en: "t", ru: "т" };
function status(subject: string, state: string | null): Observation {
  return {
    family: "kpi_status",
    subject,
    state,
    raise: (previous) =>
      state === "OFF_TRACK"
        ? {
            rule: "KPI_OFF_TRACK",
            subject,
            kpiId: subject,
            audience: { kind: "scorecard", owner: "SMM" },
            title: text,
            body: text,
            ruleText: text,
            figures: { previous },
          }
        : null,
  };
}

describe("detectAlertChanges", () => {
  it("raises nothing while the state stays the same, however often it is evaluated", () => {
    const stored = new Map([[stateKey("kpi_status", "k1"), "OFF_TRACK"]]);
    for (let i = 0; i < 5; i++) {
      const changes = detectAlertChanges([status("k1", "OFF_TRACK")], stored);
      expect(changes).toEqual({ states: [], alerts: [], statusChanges: [] });
    }
  });

  it("raises once per change and records the new state", () => {
    const stored = new Map<string, string>();
    const first = detectAlertChanges([status("k1", "ON_TRACK")], stored);
    expect(first.alerts).toEqual([]);
    expect(first.states).toEqual([{ family: "kpi_status", subject: "k1", state: "ON_TRACK" }]);
    for (const s of first.states) stored.set(stateKey(s.family, s.subject), s.state);
    const second = detectAlertChanges([status("k1", "OFF_TRACK")], stored);
    expect(second.alerts.map((a) => [a.rule, a.severity, a.figures.previous])).toEqual([
      ["KPI_OFF_TRACK", "critical", "ON_TRACK"],
    ]);
    expect(second.statusChanges).toEqual([{ subject: "k1", from: "ON_TRACK", to: "OFF_TRACK", figures: {} }]);
  });

  it("keeps the stored state when there is nothing to judge (no data, no target)", () => {
    const stored = new Map([[stateKey("kpi_status", "k1"), "OFF_TRACK"]]);
    expect(detectAlertChanges([status("k1", null)], stored)).toEqual({ states: [], alerts: [], statusChanges: [] });
    expect(detectAlertChanges([status("k1", "OFF_TRACK")], stored).alerts).toEqual([]);
  });
});

describe("resolveRecipients", () => {
  const members = [
    { userId: "o", role: "OWNER" },
    { userId: "a", role: "ADMIN" },
    { userId: "c", role: "CMO" },
    { userId: "s", role: "SMM" },
    { userId: "v", role: "CLIENT_VIEWER" },
  ];
  it("gives a role's KPI to the members holding that role; the company's to owners and admins", () => {
    expect(resolveRecipients({ kind: "scorecard", owner: "SMM" }, members)).toEqual(["s"]);
    expect(resolveRecipients({ kind: "scorecard", owner: "COMPANY" }, members)).toEqual(["o", "a"]);
  });
  it("falls back to the owners when nobody holds the role", () => {
    expect(resolveRecipients({ kind: "scorecard", owner: "CONTENT" }, members)).toEqual(["o"]);
  });
  it("gives workspace-wide alerts to managers (and the CMO where it says so), never to client viewers", () => {
    expect(resolveRecipients({ kind: "managers", withCmo: true }, members)).toEqual(["o", "a", "c"]);
    expect(resolveRecipients({ kind: "managers", withCmo: false }, members)).toEqual(["o", "a"]);
  });
});
