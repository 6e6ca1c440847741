import { expect, test, type Page } from "@playwright/test";
import { SignUpPage } from "./pages/marketing";
import { uniqueEmail } from "./pages/support";
import { scanText, visibleText, type ScanFinding } from "./support/identifier-scan";

/**
 * SPEC §10: every page of a demo workspace, rendered in ru and in en, shows no developer
 * identifier (metric/KPI keys, reason codes, scope strings, UUIDs, JSON), and a Russian page
 * no English words beyond the allowlist. The pages are found by following the app's own links
 * from the workspace home (every page a person can reach), after the workspace has what makes
 * pages talk: demo data, an import preview with bad rows and an unknown column, an API key,
 * an invitation and audit entries.
 */

const PASSWORD = "amber-harbor-lantern-73";
/** Enough pages that a crawl which silently stopped early fails. */
const MIN_PAGES = 15;
const MAX_PAGES = 70;

async function graphql(page: Page, query: string, variables: Record<string, unknown>) {
  const res = await page.request.post("/api/graphql", {
    headers: { "content-type": "application/json" },
    data: { query, variables },
  });
  const body = await res.json();
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data;
}

async function prepareWorkspace(page: Page, locale: "ru" | "en", slug: string) {
  const data = await graphql(page, "{ viewer { workspaces { workspace { id slug } } } }", {});
  const workspaceId: string = data.viewer.workspaces.find(
    (w: { workspace: { slug: string } }) => w.workspace.slug === slug,
  ).workspace.id;
  await graphql(
    page,
    `
      mutation ($ws: ID!) {
        createApiKey(input: { workspaceId: $ws, name: "Warehouse", scopes: [READ, WRITE_METRICS] }) {
          secret
        }
      }
    `,
    { ws: workspaceId },
  ).catch(() => undefined);
  await graphql(
    page,
    `
      mutation ($ws: ID!, $email: String!) {
        createInvite(input: { workspaceId: $ws, email: $email, role: SMM }) {
          invite {
            id
          }
        }
      }
    `,
    {
      ws: workspaceId,
      email: uniqueEmail("scan-invitee"),
    },
  );
  // An import preview with rows that fail and a column the app does not know.
  await page.goto(`/w/${slug}/import`);
  const csv = [
    "date,channel,spend,leads,calls",
    "2026-11-01,search,1000,10,3",
    "2026-11-02,,abc,5,1",
    "2026-13-40,social,300,4,2",
    "2026-11-01,search,1000,10,3",
  ].join("\n");
  await page
    .locator("input[type=file]")
    .setInputFiles({ name: `scan-${locale}.csv`, mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
  await expect(page.getByRole("heading", { level: 2, name: `scan-${locale}.csv` })).toBeVisible({ timeout: 60_000 });
  return workspaceId;
}

/** Follows same-origin app links breadth-first from the workspace home; one visit per path. */
async function crawlAndScan(page: Page, slug: string, locale: "ru" | "en", allowed: string[]) {
  const queue = [`/w/${slug}`, `/w/${slug}/onboarding`, "/account"];
  const seen = new Set(queue);
  const visited: string[] = [];
  const findings: Array<ScanFinding & { path: string }> = [];
  while (queue.length > 0 && visited.length < MAX_PAGES) {
    const path = queue.shift()!;
    const response = await page.goto(path);
    expect(response?.status(), `status of ${path}`).toBeLessThan(400);
    await page.waitForLoadState("networkidle").catch(() => undefined);
    await expect(page.locator("html")).toHaveAttribute("lang", locale);
    visited.push(path);
    const text = await visibleText(page);
    expect(text.trim().length, `text of ${path}`).toBeGreaterThan(20);
    for (const f of scanText(text, locale, allowed)) findings.push({ ...f, path });
    const hrefs = await page.locator("a[href^='/']").evaluateAll((as) => as.map((a) => a.getAttribute("href")!));
    for (const href of hrefs) {
      const pathname = new URL(href, "http://x").pathname;
      const inApp = pathname.startsWith(`/w/${slug}`) || pathname === "/account";
      // Metric pages differ only by their metric: a handful checks the template without 25 visits.
      const metricPages = [...seen].filter((p) => p.includes("/metrics/")).length;
      if (!inApp || seen.has(pathname) || (pathname.includes("/metrics/") && metricPages >= 6)) continue;
      seen.add(pathname);
      queue.push(pathname);
    }
  }
  return { visited, findings };
}

for (const locale of ["ru", "en"] as const) {
  test(`no developer identifiers on any page of a demo workspace (${locale})`, async ({ browser }) => {
    test.setTimeout(600_000);
    const context = await browser.newContext({ locale: locale === "ru" ? "ru-RU" : "en-US" });
    const page = await context.newPage();
    const signUp = new SignUpPage(page, locale);
    await signUp.goto();
    const email = uniqueEmail(`scan-${locale}`);
    const workspaceName = `Scan ${locale} ${Date.now().toString(36)}`;
    const slug = await signUp.signUpWithDemo({
      name: "Olga Scanner",
      email,
      password: PASSWORD,
      workspaceName,
      currency: "RUB",
      timeZone: "Europe/Moscow",
      language: locale,
    });
    await prepareWorkspace(page, locale, slug);

    // Words the test typed itself are the person's own text, not the app's.
    const { visited, findings } = await crawlAndScan(page, slug, locale, [
      workspaceName,
      "Olga Scanner",
      "Warehouse",
      `scan-${locale}.csv`,
      slug,
    ]);
    expect(visited.length, `pages visited: ${visited.join(", ")}`).toBeGreaterThanOrEqual(MIN_PAGES);
    const report = findings.map((f) => `${f.path}: ${f.kind} «${f.text}»`);
    expect([...new Set(report)], `identifiers on ${visited.length} pages`).toEqual([]);
    await context.close();
  });
}
