import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { type WorkspaceWithOwner, addMember, createKey, createWorkspaceWithOwner } from "./factories";
import { type TestDatabase, errorCodes, openTestDatabase } from "./harness";
import { gqlAt } from "./scorecard-fixture";

/**
 * Workspace.currentPeriod: today's day / ISO week / month / fiscal quarter / fiscal year in
 * the workspace's own time zone and fiscal calendar, for anyone who can see the workspace.
 */
let db: TestDatabase;
let tokyo: WorkspaceWithOwner;
let utc: WorkspaceWithOwner;

// 2026-03-31 16:30 UTC is already 2026-04-01 01:30 in Tokyo: a new month, quarter and fiscal year there.
const NOW = new Date("2026-03-31T16:30:00Z");
const QUERY = `query ($id: ID!) { workspace(id: $id) {
  day: currentPeriod(type: DAY) { ...P } week: currentPeriod(type: WEEK) { ...P } month: currentPeriod(type: MONTH) { ...P }
  quarter: currentPeriod(type: QUARTER) { ...P } year: currentPeriod(type: YEAR) { ...P } } }
  fragment P on Period { type from to label days }`;

beforeAll(async () => {
  db = await openTestDatabase();
  tokyo = await createWorkspaceWithOwner(db, { timeZone: "Asia/Tokyo" });
  await withTenant(db, { workspaceId: tokyo.workspace.id }, (tx) =>
    tx.workspace.update({ where: { id: tokyo.workspace.id }, data: { fiscalYearStartMonth: 4 } }),
  );
  utc = await createWorkspaceWithOwner(db, { timeZone: "UTC" });
}, 300_000);
afterAll(async () => db?.close());

describe("Workspace.currentPeriod", () => {
  it("uses the workspace's time zone and fiscal-year start", async () => {
    const r = await gqlAt(db, tokyo.viewer, NOW, QUERY, { id: tokyo.workspace.id });
    expect(r.errors).toBeUndefined();
    expect(r.data!.workspace).toEqual({
      day: { type: "DAY", from: "2026-04-01", to: "2026-04-01", label: "2026-04-01", days: 1 },
      week: { type: "WEEK", from: "2026-03-30", to: "2026-04-05", label: "2026-W14", days: 7 },
      month: { type: "MONTH", from: "2026-04-01", to: "2026-04-30", label: "2026-04", days: 30 },
      quarter: { type: "QUARTER", from: "2026-04-01", to: "2026-06-30", label: "FY2027 Q1", days: 91 },
      year: { type: "YEAR", from: "2026-04-01", to: "2027-03-31", label: "FY2027", days: 365 },
    });
  });

  it("gives another workspace at the same instant its own calendar", async () => {
    const r = await gqlAt(db, utc.viewer, NOW, QUERY, { id: utc.workspace.id });
    expect(r.errors).toBeUndefined();
    expect(r.data!.workspace).toMatchObject({
      day: { from: "2026-03-31", to: "2026-03-31" },
      month: { from: "2026-03-01", to: "2026-03-31", label: "2026-03" },
      quarter: { from: "2026-01-01", to: "2026-03-31", label: "2026 Q1" },
      year: { from: "2026-01-01", to: "2026-12-31", label: "2026", days: 365 },
    });
  });

  it("answers every member and a READ key; CUSTOM is BAD_USER_INPUT on type", async () => {
    const clientViewer = await addMember(db, tokyo.workspace.id, "CLIENT_VIEWER");
    const key = await createKey(db, { workspaceId: tokyo.workspace.id, actorId: tokyo.owner.id, scopes: ["READ"] });
    for (const viewer of [clientViewer.viewer, key.viewer]) {
      const r = await gqlAt(
        db,
        viewer,
        NOW,
        `query ($id: ID!) { workspace(id: $id) { currentPeriod(type: MONTH) { label } } }`,
        { id: tokyo.workspace.id },
      );
      expect(r.data?.workspace.currentPeriod).toEqual({ label: "2026-04" });
    }
    const custom = await gqlAt(
      db,
      tokyo.viewer,
      NOW,
      `query ($id: ID!) { workspace(id: $id) { currentPeriod(type: CUSTOM) { label } } }`,
      { id: tokyo.workspace.id },
    );
    expect(errorCodes(custom)).toEqual(["BAD_USER_INPUT"]);
    expect(custom.errors?.[0].extensions?.fieldErrors).toMatchObject([
      { path: ["type"], message: "a current period needs DAY, WEEK, MONTH, QUARTER or YEAR" },
    ]);
  });

  it("shows nothing of a workspace the caller cannot see", async () => {
    const r = await gqlAt(
      db,
      utc.viewer,
      NOW,
      `query ($id: ID!) { workspace(id: $id) { currentPeriod(type: MONTH) { label } } }`,
      { id: tokyo.workspace.id },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data?.workspace).toBeNull();
  });
});
