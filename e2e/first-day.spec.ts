import { expect, test, type Page } from "@playwright/test";
import { SignUpPage } from "./pages/marketing";
import { checkPage, uniqueEmail } from "./pages/support";

/**
 * Issue 12: a fresh workspace, in Russian, goes through its first-day checklist — confirms
 * money and calendar (time zone found by city), imports its own CSV, sets targets with the
 * planner and invites a colleague. Each step ticks itself; once all are done the workspace's
 * home is the scorecard.
 */

const PASSWORD = "amber-harbor-lantern-73";
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const ru = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

function step(page: Page, id: string) {
  return page.locator(`[data-step=${id}]`);
}

test("a fresh workspace completes the first-day checklist in Russian", async ({ browser }) => {
  test.setTimeout(420_000);
  const context = await browser.newContext({ locale: "ru-RU", timezoneId: "Asia/Novosibirsk" });
  const page = await context.newPage();
  const signUp = new SignUpPage(page, "ru");
  await signUp.goto();
  const slug = await signUp.signUp({
    name: "Ольга Первая",
    email: uniqueEmail("first-day"),
    password: PASSWORD,
    workspaceName: `Первый день ${Date.now().toString(36)}`,
    currency: "RUB",
    language: "ru",
  });
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Первый день");
  await expect(page.getByTestId("first-day-progress")).toHaveText("Сделано шагов: 0 из 4");
  // The time zone came from the browser and reads as a city, not an IANA name.
  const zone = page.getByLabel("Часовой пояс", { exact: true });
  await expect(zone).toHaveValue("Asia/Novosibirsk");
  await expect(zone.locator("option:checked")).toHaveText(/Новосибирск/);
  await checkPage(page, "fd-01-checklist-ru");

  // 1. Money and calendar: search a city in Russian, pick it, confirm.
  await page.getByRole("searchbox", { name: "Найти город" }).fill("екатерин");
  await zone.selectOption("Asia/Yekaterinburg");
  await expect(zone.locator("option:checked")).toHaveText(/Екатеринбург/);
  await step(page, "step-basics").getByRole("button", { name: "Подтвердить" }).click();
  await expect(step(page, "step-basics")).toHaveAttribute("data-done", "true");

  // 2. Own data: a CSV from the import page, committed.
  await step(page, "step-data").getByRole("link", { name: "Загрузить CSV" }).click();
  await page.waitForURL(new RegExp(`/w/${slug}/import$`));
  const csv = [
    "Дата;Канал;Расход;Клики;Лиды;Сделки;Выручка",
    `${ru(day(-3))};Яндекс Директ;12 345,50;1 200;30;2;90 000`,
    `${ru(day(-2))};VK;7 654,50;800;20;1;45 000`,
  ].join("\r\n");
  await page
    .getByLabel("Файл CSV")
    .setInputFiles({ name: "первый.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
  await expect(page.getByRole("heading", { level: 2, name: "первый.csv" })).toBeVisible({ timeout: 60_000 });
  await page.getByRole("button", { name: /^Загрузить \d+ факт/ }).click();
  await expect(page.getByText(/^Загружено: \d+ факт/)).toBeVisible({ timeout: 120_000 });
  await page.goto(`/w/${slug}`);
  await page.waitForURL(new RegExp(`/w/${slug}/onboarding$`));
  await expect(step(page, "step-data")).toHaveAttribute("data-done", "true");

  // 3. Targets with the planner.
  await step(page, "step-targets").getByRole("link", { name: "Открыть планировщик" }).click();
  await page.waitForURL(new RegExp(`/w/${slug}/targets`));
  await page.getByLabel("Цель по выручке", { exact: true }).fill("10 000 000");
  await page.getByLabel("Средний чек сделки", { exact: true }).fill("150 000");
  await page.getByLabel("Целевой CAC", { exact: true }).fill("30 000");
  await page.getByRole("button", { name: "Рассчитать" }).click();
  const proposal = page.getByTestId("plan-proposal").first();
  await expect(proposal).toBeVisible();
  // Proposals name KPIs, never keys, and numbers use the Russian decimal comma.
  await expect(page.getByTestId("plan-proposal").filter({ hasText: /[a-z]+\.[a-z_]+/ })).toHaveCount(0);
  await page.getByRole("button", { name: "Применить как цели на период" }).click();
  await expect(page.getByText(/Задан\S* \d+ цел/)).toBeVisible({ timeout: 120_000 });
  await checkPage(page, "fd-02-planner-ru");
  await page.goto(`/w/${slug}/onboarding`);
  await expect(step(page, "step-targets")).toHaveAttribute("data-done", "true");

  // 4. The team: an invitation from the checklist itself.
  await step(page, "step-team").getByLabel("E-mail", { exact: true }).fill(uniqueEmail("colleague"));
  await step(page, "step-team").getByLabel("Роль", { exact: true }).selectOption("SMM");
  await step(page, "step-team").getByRole("button", { name: "Пригласить" }).click();
  await expect(step(page, "step-team")).toHaveAttribute("data-done", "true", { timeout: 60_000 });
  await expect(page.getByTestId("first-day-progress")).toHaveText("Сделано шагов: 4 из 4");
  await checkPage(page, "fd-03-checklist-done-ru");

  // Everything done: the workspace's home is the scorecard now.
  await page.goto(`/w/${slug}`);
  await page.waitForURL(new RegExp(`/w/${slug}/scorecards/company$`));
  await context.close();
});
