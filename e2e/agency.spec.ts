import { type Browser, expect, test } from "@playwright/test";
import { SignUpPage } from "./pages/marketing";
import { checkPage, uniqueEmail } from "./pages/support";

/**
 * SPEC §2.6 / §8 in a browser, in English and in Russian: an agency signs up and creates its
 * agency, a client grants it access in the client's settings, the agency opens its portfolio
 * and drills into the client's company scorecard, the client revokes, and the agency loses
 * the client on its next page load.
 */
const PASSWORD = "agency journey passphrase 2026";

const L = {
  en: {
    createAgency: "Create an agency",
    agencyName: "Agency name",
    agencyId: "Agency id",
    role: "Role of the agency",
    grant: "Grant access",
    revoke: "Revoke access",
    empty: "No client shares their figures with the agency yet",
    cmo: "CMO",
    benchmarks: "Benchmarks across your clients",
  },
  ru: {
    createAgency: "Создать агентство",
    agencyName: "Название агентства",
    agencyId: "Идентификатор агентства",
    role: "Роль агентства",
    grant: "Дать доступ",
    revoke: "Отозвать доступ",
    empty: "Ни один клиент пока не открыл агентству свои показатели",
    cmo: "CMO",
    benchmarks: "Бенчмарки по вашим клиентам",
  },
} as const;

async function signUp(browser: Browser, locale: "en" | "ru", label: string, withDemo: boolean) {
  const context = await browser.newContext({ locale: locale === "ru" ? "ru-RU" : "en-GB" });
  const page = await context.newPage();
  const signUpPage = new SignUpPage(page, locale);
  await signUpPage.goto();
  const details = {
    name: `${label} person`,
    email: uniqueEmail(label),
    password: PASSWORD,
    workspaceName: `${label} ${locale}`,
    language: locale,
  };
  const slug = withDemo ? await signUpPage.signUpWithDemo(details) : await signUpPage.signUp(details);
  return { context, page, slug, workspaceName: details.workspaceName };
}

for (const locale of ["en", "ru"] as const) {
  test(`agency journey (${locale}): grant, portfolio, drill-down, revoke`, async ({ browser }) => {
    test.setTimeout(300_000);
    const l = L[locale];

    // 1. The agency signs up and creates its agency; it lands on the (empty) portfolio.
    const agency = await signUp(browser, locale, "agency", false);
    await agency.page.goto("/agencies/new");
    await agency.page.getByLabel(l.agencyName, { exact: true }).fill(`Northwind ${locale}`);
    await agency.page.getByRole("button", { name: l.createAgency }).click();
    await agency.page.waitForURL(/\/a\/[0-9a-f-]{36}$/);
    const agencyId = new URL(agency.page.url()).pathname.split("/")[2];
    await expect(agency.page.getByText(l.empty)).toBeVisible();
    await checkPage(agency.page, `agency-portfolio-empty-${locale}`);

    // 2. A client (with demo data) grants the agency access as CMO.
    const client = await signUp(browser, locale, "client", true);
    await client.page.goto(`/w/${client.slug}/settings/agencies`);
    await client.page.getByLabel(l.agencyId, { exact: true }).fill(agencyId);
    await client.page.locator("form").first().getByLabel(l.role, { exact: true }).selectOption("CMO");
    await client.page.getByRole("button", { name: l.grant }).click();
    await expect(client.page.getByTestId("agency-grant")).toHaveCount(1);
    await expect(client.page.getByTestId("agency-grant")).toContainText(`Northwind ${locale}`);
    await expect(client.page.getByTestId("agency-grant")).toContainText(l.cmo);
    await checkPage(client.page, `agency-access-${locale}`);

    // 3. The agency's portfolio lists the client; the switcher groups it under the agency.
    await agency.page.goto(`/a/${agencyId}`);
    const row = agency.page.getByTestId("portfolio-row");
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(client.workspaceName);
    await expect(agency.page.getByRole("heading", { name: l.benchmarks })).toBeVisible();
    await checkPage(agency.page, `agency-portfolio-${locale}`);

    // 4. Drill into the client's company scorecard.
    await row.getByRole("link", { name: client.workspaceName }).click();
    await agency.page.waitForURL(new RegExp(`/w/${client.slug}/scorecards/company$`));
    await expect(agency.page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(agency.page.getByTestId("no-access")).toHaveCount(0);
    await checkPage(agency.page, `agency-client-scorecard-${locale}`);

    // 5. The client revokes; the agency loses the client on its next request.
    await client.page.getByRole("button", { name: l.revoke }).click();
    await client.page.getByRole("dialog").getByRole("button", { name: l.revoke }).click();
    await expect(client.page.getByTestId("agency-grant")).toHaveCount(0);

    await agency.page.reload();
    await expect(agency.page.getByTestId("no-access")).toBeVisible();
    await agency.page.goto(`/a/${agencyId}`);
    await expect(agency.page.getByTestId("portfolio-row")).toHaveCount(0);
    await expect(agency.page.getByText(l.empty)).toBeVisible();

    await agency.context.close();
    await client.context.close();
  });
}

/** A real 1×1 PNG (checked by content on the server, drawn into the PDF). */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);
const R = {
  en: {
    logo: /^Logo on clients/,
    save: "Save",
    saved: "Saved",
    newReport: "New report",
    title: "Title",
    branding: "Branding",
    agencyOption: (name: string) => `Agency: ${name}`,
    saveVersion: "Save version",
    publish: "Publish",
    published: "Published",
  },
  ru: {
    logo: /^Логотип в отчётах клиентов/,
    save: "Сохранить",
    saved: "Сохранено",
    newReport: "Новый отчёт",
    title: "Название",
    branding: "Оформление",
    agencyOption: (name: string) => `Агентство «${name}»`,
    saveVersion: "Сохранить версию",
    publish: "Опубликовать",
    published: "Опубликован",
  },
} as const;

for (const locale of ["en", "ru"] as const) {
  test(`agency CLIENT_VIEWER grant (${locale}): lands on the client's published reports in the agency's branding and opens nothing else`, async ({
    browser,
  }) => {
    test.setTimeout(300_000);
    const l = { ...L[locale], ...R[locale] };
    const agencyName = `Brandwell ${locale} ${Date.now().toString(36)}`;

    // The agency, with its logo for clients' reports.
    const agency = await signUp(browser, locale, "viewer-agency", false);
    await agency.page.goto("/agencies/new");
    await agency.page.getByLabel(l.agencyName, { exact: true }).fill(agencyName);
    await agency.page.getByRole("button", { name: l.createAgency }).click();
    await agency.page.waitForURL(/\/a\/[0-9a-f-]{36}$/);
    const agencyId = new URL(agency.page.url()).pathname.split("/")[2];
    await agency.page.goto(`/a/${agencyId}/settings`);
    const settingsForm = agency.page.locator("form", { has: agency.page.getByLabel(l.logo) });
    await settingsForm.getByLabel(l.logo).setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: PNG });
    await settingsForm.getByRole("button", { name: l.save, exact: true }).click();
    await expect(settingsForm.getByText(l.saved, { exact: true })).toBeVisible();

    // The client grants CLIENT_VIEWER, then composes a report in the agency's branding
    // (published) and a draft.
    const client = await signUp(browser, locale, "viewer-client", true);
    await client.page.goto(`/w/${client.slug}/settings/agencies`);
    await client.page.getByLabel(l.agencyId, { exact: true }).fill(agencyId);
    await client.page.locator("form").first().getByLabel(l.role, { exact: true }).selectOption("CLIENT_VIEWER");
    await client.page.getByRole("button", { name: l.grant }).click();
    await expect(client.page.getByTestId("agency-grant")).toHaveCount(1);
    const compose = async (title: string, publish: boolean) => {
      await client.page.goto(`/w/${client.slug}/reports/new`);
      await client.page.getByLabel(l.title, { exact: true }).fill(title);
      await client.page.getByLabel(l.branding, { exact: true }).selectOption({ label: l.agencyOption(agencyName) });
      await client.page.getByRole("button", { name: l.saveVersion }).click();
      await client.page.waitForURL(new RegExp(`/w/${client.slug}/reports/[^/]+$`));
      if (publish) {
        await client.page.getByRole("button", { name: l.publish }).click();
        await expect(client.page.getByText(l.published, { exact: true }).first()).toBeVisible();
      }
      return client.page.url();
    };
    const publishedUrl = await compose(`Published ${locale}`, true);
    const draftUrl = await compose(`Draft ${locale}`, false);

    // The agency member opens the client: lands on its reports, sees the published one only.
    await agency.page.goto(`/w/${client.slug}`);
    await agency.page.waitForURL(new RegExp(`/w/${client.slug}/reports$`));
    await expect(agency.page.getByRole("link", { name: `Published ${locale}` })).toBeVisible();
    await expect(agency.page.getByRole("link", { name: `Draft ${locale}` })).toHaveCount(0);
    await checkPage(agency.page, `agency-client-viewer-reports-${locale}`);
    await agency.page.getByRole("link", { name: `Published ${locale}` }).click();
    await agency.page.waitForURL(new URL(publishedUrl).pathname);
    // The report's header carries the agency's logo and name (the header menu also names the agency).
    await expect(agency.page.locator("main").getByRole("img", { name: agencyName })).toBeVisible();
    await expect(agency.page.locator("main").getByText(agencyName, { exact: true }).first()).toBeVisible();
    await expect(agency.page.getByRole("button", { name: l.publish })).toHaveCount(0);

    // Nothing else opens: the draft, the scorecards, the metrics, the settings.
    for (const path of [
      new URL(draftUrl).pathname,
      `/w/${client.slug}/scorecards/company`,
      `/w/${client.slug}/metrics/revenue`,
      `/w/${client.slug}/settings/agencies`,
      `/w/${client.slug}/reports/new`,
    ]) {
      await agency.page.goto(path);
      await expect(agency.page.getByTestId("no-access"), path).toBeVisible();
    }
    await agency.context.close();
    await client.context.close();
  });
}
