import { expect, type Locator, type Page } from "@playwright/test";

/** A role's scorecard page: KPI cards with status, actual, target. */
export class ScorecardPage {
  constructor(
    readonly page: Page,
    readonly slug: string,
  ) {}

  async goto(key: "company" | "cmo" | "performance" | "smm" | "content", query = "") {
    await this.page.goto(`/w/${this.slug}/scorecards/${key}${query}`);
    await expect(this.page.getByTestId("period-picker")).toBeVisible();
  }

  cards(): Locator {
    return this.page.getByTestId("kpi-card");
  }

  card(kpiKey: string): Locator {
    return this.page.locator(`[data-testid="kpi-card"][data-kpi="${kpiKey}"]`);
  }

  /** Every card shows an actual figure and a status pill in words. */
  async expectFiguresWithStatuses(statusWords: RegExp) {
    const count = await this.cards().count();
    expect(count, "KPI cards on the scorecard").toBeGreaterThanOrEqual(3);
    for (let i = 0; i < count; i++) {
      const card = this.cards().nth(i);
      await expect(card.getByTestId("kpi-actual")).toHaveText(/\d/);
      await expect(card).toContainText(statusWords);
    }
  }
}

/** The targets page and its planner. */
export class TargetsPage {
  constructor(
    readonly page: Page,
    readonly slug: string,
  ) {}

  async goto() {
    await this.page.goto(`/w/${this.slug}/targets`);
    await expect(this.page.getByTestId("target-row").first()).toBeVisible();
  }

  row(kpiKey: string): Locator {
    return this.page.locator(`[data-testid="target-row"][data-kpi="${kpiKey}"]`);
  }

  async setTarget(kpiKey: string, value: string, savedWord: RegExp) {
    const row = this.row(kpiKey);
    await row.getByRole("textbox").fill(value);
    await row.getByRole("button").click();
    await expect(row.getByRole("status")).toHaveText(savedWord);
  }

  /** Fills the planner by label (labels per locale) and runs it. */
  async plan(fields: Record<string, string>, submit: string) {
    const form = this.page.locator("form", { has: this.page.locator("#plan-revenueTarget") });
    for (const [label, value] of Object.entries(fields)) await form.getByLabel(label, { exact: true }).fill(value);
    await form.getByRole("button", { name: submit, exact: true }).click();
    await expect(this.page.getByTestId("plan-result")).toBeVisible();
  }

  pipeline(): Locator {
    return this.page.getByTestId("plan-pipelineValue");
  }
}
