import { expect, test, type Page } from "@playwright/test";
import { LandingPage, SignUpPage } from "./pages/marketing";
import { ScorecardPage } from "./pages/scorecard";
import { checkPage, uniqueEmail } from "./pages/support";

/**
 * Issue 11 "Numbers you can trust", in the browser, in both languages. The demo data is being
 * rewritten elsewhere, so these tests assert consistency between pages and periods, never
 * demo figures.
 */

const PASSWORD = "amber-harbor-lantern-73";

async function signUpWithDemo(page: Page, locale: "en" | "ru"): Promise<string> {
  const landing = new LandingPage(page);
  await landing.goto();
  if (locale === "ru") await landing.switchLocale("ru");
  const signUp = new SignUpPage(page, locale);
  await signUp.goto();
  return signUp.signUpWithDemo({
    name: locale === "ru" ? "Ольга" : "Nora Owner",
    email: uniqueEmail(`numbers-${locale}`),
    password: PASSWORD,
    workspaceName: `Numbers ${locale} ${Date.now().toString(36)}`,
    currency: "RUB",
    timeZone: "Europe/Moscow",
    language: locale,
  });
}

/** The change a trend shows: its words (value with unit, better/worse) and its verdict. */
async function trendOf(scope: ReturnType<Page["locator"]>) {
  const trend = scope.getByTestId("trend");
  if ((await trend.count()) === 0) return { value: null, verdict: null };
  return {
    value: (await trend.getByTestId("trend-value").textContent())!.trim(),
    verdict: await trend.getAttribute("data-verdict"),
  };
}

for (const locale of ["en", "ru"] as const) {
  test.describe(`numbers you can trust (${locale})`, () => {
    test("the sales view and the company scorecard show the same CAC change; month → quarter keeps the LTV:CAC verdict", async ({
      browser,
    }) => {
      test.setTimeout(300_000);
      const context = await browser.newContext({ locale: locale === "ru" ? "ru-RU" : "en-US" });
      const page = await context.newPage();
      const slug = await signUpWithDemo(page, locale);

      // --- One comparison rule: the CAC change on the marketing–sales view (metricComparison)
      // is the change on the company scorecard's CAC card (the scorecard), same period, same basis.
      await page.goto(`/w/${slug}/sales`);
      const salesCac = page.getByTestId("sales-cac");
      await expect(salesCac).toBeVisible();
      const fromSales = await trendOf(salesCac);
      const scorecards = new ScorecardPage(page, slug);
      await scorecards.goto("company");
      const cacCard = scorecards.card("company.cac");
      await expect(cacCard).toBeVisible();
      const fromScorecard = await trendOf(cacCard);
      expect(fromSales.value, "the demo shows a CAC change").not.toBeNull();
      expect(fromScorecard).toEqual(fromSales);
      // CAC is lower-is-better: the verdict follows the sign of the change.
      if (fromSales.verdict === "BETTER") expect(fromSales.value).toMatch(/^[−-]/);
      if (fromSales.verdict === "WORSE") expect(fromSales.value).toMatch(/^\+/);

      // --- The score says what it is, each card both attainments in words.
      await expect(page.getByTestId("score-help")).toContainText(locale === "ru" ? "НА СЕГОДНЯ" : "TO DATE");
      await checkPage(page, `numbers-scorecard-${locale}`);

      // --- Time-normalised unit economics: month and quarter give the same LTV ≥ 3 × CAC verdict.
      const verdictFor = async (query: string) => {
        await page.goto(`/w/${slug}/sales${query}`);
        const rule = page.getByTestId("ltv-cac-rule");
        await expect(rule).toBeVisible();
        return (await rule.textContent())!.trim();
      };
      const month = await verdictFor("");
      const quarter = await verdictFor("?period=quarter");
      expect(quarter).toBe(month);
      await checkPage(page, `numbers-sales-quarter-${locale}`);
      await context.close();
    });
  });
}
