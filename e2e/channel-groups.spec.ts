import { expect, test, type Page } from "@playwright/test";
import { SignUpPage } from "./pages/marketing";
import { ScorecardPage } from "./pages/scorecard";
import { checkPage, uniqueEmail } from "./pages/support";

/**
 * Channel groups (issue 11, SPEC §4.2), in both languages: the import preview names a channel
 * that is in no group; the Performance scorecard warns that its paid-channel KPI leaves it
 * out; putting the channel into "paid" on the channel settings page changes ROMI of paid
 * channels at once and the warning goes.
 */
const PASSWORD = "copper-meadow-signal-58";
const TEXT = {
  en: {
    paid: "Paid",
    saved: "Saved: Partner Network — Paid.",
    unmapped: "Not in any channel group: Partner Network",
    settings: "Channel groups",
  },
  ru: {
    paid: "Платные",
    saved: "Сохранено: Partner Network — Платные.",
    unmapped: "Не входят ни в одну группу каналов: Partner Network",
    settings: "Группы каналов",
  },
} as const;

const today = () => new Date().toISOString().slice(0, 10);

async function gql(page: Page, query: string, variables: Record<string, unknown>) {
  const res = await page.request.post("/api/graphql", {
    headers: { "content-type": "application/json" },
    data: { query, variables },
  });
  const body = await res.json();
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data;
}

for (const locale of ["en", "ru"] as const) {
  test(`channel groups (${locale}): an unmapped channel on the import preview and the scorecard; mapping it changes paid ROMI`, async ({
    browser,
  }) => {
    const t = TEXT[locale];
    const context = await browser.newContext({ locale: locale === "ru" ? "ru-RU" : "en-US" });
    const page = await context.newPage();
    const signUp = new SignUpPage(page, locale);
    await signUp.goto();
    const slug = await signUp.signUp({
      name: "Pavel Performance",
      email: uniqueEmail(`groups-${locale}`),
      password: PASSWORD,
      workspaceName: `Groups ${locale} ${Date.now().toString(36)}`,
      currency: "RUB",
      language: locale,
    });
    const me = await gql(page, "{ viewer { workspaces { workspace { id slug } } } }", {});
    const workspaceId = me.viewer.workspaces.find((w: { workspace: { slug: string } }) => w.workspace.slug === slug)
      .workspace.id;

    // The import preview names the channel no group takes in (nothing is committed).
    await page.goto(`/w/${slug}/import`);
    await page.locator('input[type="file"]').setInputFiles({
      name: "partners.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(`date,channel,spend\n${today()},Partner Network,5\n`, "utf8"),
    });
    await expect(page.getByTestId("import-unmapped-channels")).toContainText(t.unmapped, { timeout: 60_000 });
    await checkPage(page, `40-import-unmapped-channel-${locale}`);

    // Today's facts: "Google Ads " (paid by default, whatever the case and spaces) and an unmapped partner channel.
    const rows = [
      { date: today(), channel: "Google Ads ", measure: "spend", value: "1000" },
      { date: today(), channel: "Google Ads ", measure: "revenue", value: "3000" },
      { date: today(), channel: "Partner Network", measure: "spend", value: "1000" },
      { date: today(), channel: "Partner Network", measure: "revenue", value: "1000" },
    ];
    await gql(page, `mutation($i: IngestMetricsInput!) { ingestMetrics(input: $i) { accepted } }`, {
      i: { workspaceId, idempotencyKey: `groups-${locale}-${Date.now()}`, rows },
    });

    const scorecard = new ScorecardPage(page, slug);
    await scorecard.goto("performance");
    await expect(page.getByTestId("unmapped-channels")).toContainText(t.unmapped);
    const romi = scorecard.card("performance.paid_romi").getByTestId("kpi-actual");
    await expect(romi).toHaveText(/\d/);
    const before = (await romi.textContent())?.trim();
    await checkPage(page, `41-scorecard-unmapped-channel-${locale}`);

    // Settings → channel groups: put the partner channel into "paid".
    await page.goto(`/w/${slug}/settings/channels`);
    await expect(page.getByRole("heading", { name: t.settings }).first()).toBeVisible();
    await page.getByLabel("Partner Network", { exact: true }).selectOption({ label: t.paid });
    await expect(page.getByText(t.saved)).toBeVisible();
    await checkPage(page, `42-settings-channel-groups-${locale}`);

    // The scoped KPI follows: ROMI of paid channels now reads both channels ((4000 − 2000) / 2000 instead of (3000 − 1000) / 1000).
    await scorecard.goto("performance");
    await expect(page.getByTestId("unmapped-channels")).toHaveCount(0);
    await expect(romi).not.toHaveText(before ?? "");
    await context.close();
  });
}
