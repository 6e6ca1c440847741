import { expect, test, type Page } from "@playwright/test";
import { ScorecardPage, TargetsPage } from "./pages/scorecard";
import { SignUpPage } from "./pages/marketing";
import { checkPage, expectNoHorizontalScroll, saveScreenshot, uniqueEmail } from "./pages/support";

const PASSWORD = "copper-meadow-signal-58";
const STATUS_EN = /On track|At risk|Off track|No data|No target set/;
const STATUS_RU = /В плане|Под угрозой|Отстаёт|Нет данных|Цель не задана/;

async function signUpWithDemo(page: Page): Promise<string> {
  const signUp = new SignUpPage(page, "en");
  await signUp.goto();
  return signUp.signUpWithDemo({
    name: "Marta Owner",
    email: uniqueEmail("scorecards"),
    password: PASSWORD,
    workspaceName: `Scorecards ${Date.now().toString(36)}`,
    currency: "RUB",
    timeZone: "Europe/Moscow",
    language: "en",
  });
}

test.describe("scorecards, KPI tree, sales view, targets and planner", () => {
  test("the owner reads every scorecard, drills down from the tree, edits a target and plans 10 M → 30 M (en, then ru)", async ({
    browser,
  }) => {
    const context = await browser.newContext({ locale: "en-US" });
    const page = await context.newPage();
    const slug = await signUpWithDemo(page);
    const scorecards = new ScorecardPage(page, slug);

    // --- Each role's scorecard shows figures with statuses in words.
    for (const key of ["company", "cmo", "performance", "smm", "content"] as const) {
      await scorecards.goto(key);
      await expect(page.getByTestId("score-summary")).toBeVisible();
      await scorecards.expectFiguresWithStatuses(STATUS_EN);
      await expect(page.getByRole("heading", { name: "Health checks" })).toBeVisible();
      await checkPage(page, `sc-01-scorecard-${key}-en`);
    }
    // The quality gate of the performance marketer's qualified leads is stated in words.
    await scorecards.goto("performance");
    await expect(scorecards.card("performance.qualified_leads").getByTestId("kpi-gate")).toContainText(/Quality gate/);
    // Same period last year, a quarter: the URL carries the period.
    await page.getByRole("link", { name: "Same period last year" }).click();
    await expect(page).toHaveURL(/compare=lastYear/);
    await page.getByLabel("Period", { exact: true }).selectOption("quarter");
    await expect(page).toHaveURL(/period=quarter/);
    await expect(scorecards.cards().first()).toBeVisible();
    await checkPage(page, "sc-02-scorecard-performance-quarter-last-year-en");

    // --- The company view: the tree, then a node's metric page with its breakdowns.
    await page.goto(`/w/${slug}/tree`);
    await expect(page.getByTestId("tree-root").first()).toBeVisible();
    expect(await page.locator('[data-testid="tree-node"][data-kind="DIAGNOSTIC"]').count()).toBeGreaterThan(0);
    await checkPage(page, "sc-03-kpi-tree-en");
    await page.getByTestId("tree-root").first().getByRole("link").first().click();
    await expect(page).toHaveURL(new RegExp(`/w/${slug}/metrics/revenue`));
    await expect(page.getByTestId("metric-value")).toHaveText(/\d/);
    await expect(page.getByTestId("breakdown-channel").first()).toBeVisible();
    await expect(page.getByTestId("breakdown-campaign").first()).toBeVisible();
    await checkPage(page, "sc-04-metric-revenue-en");
    await page.getByRole("link", { name: "Week", exact: true }).click();
    await expect(page).toHaveURL(/grain=week/);
    const firstChannel = page.getByTestId("breakdown-channel").first().getByRole("link");
    const channelName = (await firstChannel.textContent())!.trim();
    await firstChannel.click();
    await expect(page.getByRole("heading", { name: `Campaigns in ${channelName}` })).toBeVisible();
    await expect(page.getByTestId("breakdown-campaign").first()).toBeVisible();
    await checkPage(page, "sc-05-metric-revenue-channel-en");

    // --- The marketing–sales view.
    await page.goto(`/w/${slug}/sales`);
    await expect(page.getByTestId("funnel-step")).toHaveCount(6);
    await expect(page.getByTestId("ltv-cac-rule")).toBeVisible();
    await expect(page.getByTestId("sales-cac")).toContainText(/\d/);
    await checkPage(page, "sc-06-sales-en");

    // --- Edit a target and see the scorecard change.
    await scorecards.goto("company");
    const targetBefore = (await scorecards.card("company.revenue").getByTestId("kpi-target").textContent())!.trim();
    const targets = new TargetsPage(page, slug);
    await targets.goto();
    await checkPage(page, "sc-07-targets-en");
    await targets.setTarget("company.revenue", "9000000", /Saved/);
    await scorecards.goto("company");
    const targetAfter = scorecards.card("company.revenue").getByTestId("kpi-target");
    await expect(targetAfter).not.toHaveText(targetBefore);
    await expect(targetAfter).toContainText(/Target .*9,000,000/);
    // Both attainments in words (issue 11): to date and against the whole period's target.
    await expect(scorecards.card("company.revenue").getByTestId("kpi-attainment")).toContainText(
      /of the whole period's target/,
    );

    // --- The planner: 10 M revenue → 30 M pipeline, then apply.
    await targets.goto();
    await targets.plan(
      {
        "Revenue target": "10000000",
        "Average deal size": "100000",
        "Lead→deal conversion": "10",
        "Qualified-lead rate": "50",
        "Pipeline coverage": "3",
        "Target CAC": "20000",
      },
      "Plan",
    );
    await expect(targets.pipeline()).toContainText("30,000,000");
    await page.getByRole("button", { name: "Apply as targets for the period" }).click();
    await expect(page.getByText(/targets set/)).toBeVisible();
    await checkPage(page, "sc-08-planner-en");

    // --- KPI editor and metric settings with live formula validation.
    await page.goto(`/w/${slug}/kpis`);
    await expect(page.getByTestId("kpi-owner")).toHaveCount(6);
    await checkPage(page, "sc-09-kpi-editor-en");
    await page.goto(`/w/${slug}/settings/metrics`);
    await page.getByLabel("Formula", { exact: true }).fill("revenue / (spend + ");
    await expect(page.getByTestId("formula-status")).toContainText(/problem/);
    await expect(page.getByTestId("formula-highlight")).toBeVisible();
    await page.getByLabel("Formula", { exact: true }).fill("revenue / (spend + sales_cost)");
    await expect(page.getByTestId("formula-status")).toContainText("The formula is valid");
    await checkPage(page, "sc-10-metric-settings-en");

    // --- 375 px: no sideways scroll on the scorecard and the tree.
    await page.setViewportSize({ width: 375, height: 812 });
    await scorecards.goto("company");
    await expectNoHorizontalScroll(page);
    await saveScreenshot(page, "sc-11-scorecard-company-375px");
    await page.goto(`/w/${slug}/tree`);
    await expectNoHorizontalScroll(page);
    await saveScreenshot(page, "sc-12-kpi-tree-375px");
    await page.setViewportSize({ width: 1280, height: 720 });

    // --- One pass in Russian: scorecard, sales, planner with ru number formats.
    await page.getByRole("button", { name: "Русский" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "ru");
    await scorecards.goto("company");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Скоркарта компании");
    await scorecards.expectFiguresWithStatuses(STATUS_RU);
    await expect(scorecards.card("company.revenue").getByTestId("kpi-target")).toContainText(/Цель 10\s000\s000\s₽/);
    await checkPage(page, "sc-13-scorecard-company-ru");
    await page.goto(`/w/${slug}/sales`);
    await expect(page.getByRole("heading", { name: "Воронка: от показов до выручки" })).toBeVisible();
    await checkPage(page, "sc-14-sales-ru");
    await page.goto(`/w/${slug}/tree`);
    await checkPage(page, "sc-15-kpi-tree-ru");
    await targets.goto();
    await targets.plan(
      {
        "Цель по выручке": "10 000 000",
        "Средний чек сделки": "100 000",
        "Конверсия из лида в сделку": "10",
        "Доля квалифицированных лидов": "50",
        "Покрытие воронки": "3",
        "Целевой CAC": "20 000",
      },
      "Рассчитать",
    );
    await expect(targets.pipeline()).toContainText(/30\s000\s000\s₽/);
    await checkPage(page, "sc-16-planner-ru");
    await context.close();
  });
});
