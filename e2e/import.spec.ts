import { expect, test, type Page } from "@playwright/test";
import { SignUpPage } from "./pages/marketing";
import { checkPage, expectNoHorizontalScroll, uniqueEmail } from "./pages/support";

const PASSWORD = "amber-lantern-river-73";

/** The import page (page object kept here: only this spec drives it). */
class ImportPage {
  constructor(
    readonly page: Page,
    readonly slug: string,
  ) {}

  async goto() {
    await this.page.goto(`/w/${this.slug}/import`);
    await expect(this.page.getByRole("heading", { level: 1 })).toHaveText("Import data");
  }

  async upload(name: string, content: string) {
    await this.page
      .getByLabel("CSV file")
      .setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(content, "utf8") });
    await expect(this.page.getByRole("heading", { level: 2, name })).toBeVisible({ timeout: 60_000 });
  }

  progressBar() {
    return this.page.getByRole("progressbar", { name: "Import progress" });
  }
}

async function metricValues(
  page: Page,
  workspaceId: string,
  from: string,
  to: string,
): Promise<Record<string, string | null>> {
  const res = await page.request.post("/api/graphql", {
    headers: { "content-type": "application/json" },
    data: {
      query: `query($ws: ID!, $from: Date!, $to: Date!) { workspace(id: $ws) { metricValues(keys: ["spend", "clicks", "leads"], from: $from, to: $to) { key value } } }`,
      variables: { ws: workspaceId, from, to },
    },
  });
  const body = await res.json();
  return Object.fromEntries(
    body.data.workspace.metricValues.map((v: { key: string; value: string | null }) => [v.key, v.value]),
  );
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const ru = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

test("CSV import: upload a Russian export, watch the progress bar reach 100 % and the figures change", async ({
  browser,
}) => {
  const context = await browser.newContext({ locale: "en-US" });
  const page = await context.newPage();
  const signUp = new SignUpPage(page, "en");
  await signUp.goto();
  const slug = await signUp.signUp({
    name: "Irina Importer",
    email: uniqueEmail("importer"),
    password: PASSWORD,
    workspaceName: `Import ${Date.now().toString(36)}`,
    currency: "RUB",
    timeZone: "Europe/Moscow",
    language: "en",
  });
  const me = await page.request.post("/api/graphql", {
    headers: { "content-type": "application/json" },
    data: { query: "{ viewer { workspaces { workspace { id slug } } } }" },
  });
  const workspaceId = (await me.json()).data.viewer.workspaces.find(
    (w: { workspace: { slug: string } }) => w.workspace.slug === slug,
  ).workspace.id;
  const [d1, d2] = [day(-3), day(-2)];
  const before = await metricValues(page, workspaceId, d1, d2);

  const importPage = new ImportPage(page, slug);
  await importPage.goto();
  await checkPage(page, "20-import-empty-en");
  const csv = [
    "Дата;Канал;Кампания;Расход;Клики;Лиды",
    `${ru(d1)};Яндекс Директ;Весна;12 345,50;1 200;30`,
    `${ru(d2)};VK;=SUM(A1);7 654,50;800;20`,
  ].join("\r\n");
  await importPage.upload("export.csv", csv);
  await expect(page.getByText(/No problems: 6 facts ready to import/)).toBeVisible();
  await expect(page.getByRole("table", { name: "The first facts the file gives" })).toContainText("Яндекс Директ");
  await checkPage(page, "21-import-preview-en");

  await page.getByRole("button", { name: "Import 6 facts" }).click();
  await expect(importPage.progressBar()).toHaveAttribute("aria-valuenow", "100", { timeout: 60_000 });
  await expect(page.getByText("6 new, 0 changed, 0 unchanged", { exact: false })).toBeVisible();
  await expect(page.getByTestId("import-history-row").first()).toContainText("Imported");

  const after = await metricValues(page, workspaceId, d1, d2);
  expect(before.spend ?? "0").not.toBe(after.spend);
  expect(after).toMatchObject({ spend: "20000", clicks: "2000", leads: "50" });

  // The progress survives a reload (the import is in the URL and read back through GraphQL).
  await page.reload();
  await expect(importPage.progressBar()).toHaveAttribute("aria-valuenow", "100");
  await page.setViewportSize({ width: 375, height: 812 });
  await expectNoHorizontalScroll(page);
  await context.close();
});
