import { type APIRequestContext, expect, test } from "@playwright/test";
import { checkPage, uniqueEmail } from "./pages/support";

/**
 * SPEC §8a in the browser, in English and Russian: the owner's company revenue KPI goes from on
 * track to off track when its target changes (set through the public API, as an integrator or
 * the target planner would); the header shows the unread count, the notification names the KPI,
 * its figures and the rule; marking it read lowers the count; the e-mail preference is saved.
 */
const PASSWORD = "alerts journey passphrase 2026";

async function graphql(request: APIRequestContext, query: string, variables: Record<string, unknown>) {
  const res = await request.post("/api/graphql", {
    data: { query, variables },
    headers: { "content-type": "application/json" },
  });
  const body = await res.json();
  expect(body.errors ?? [], query.slice(0, 60)).toEqual([]);
  return body.data;
}

const TEXT = {
  en: {
    title: "Revenue (Company) is off track",
    bell: "Notifications",
    markRead: "Mark read",
    saved: "Saved",
    delivery: "Delivery",
    daily: "Daily digest",
    rule: "Rule:",
    url: "Address (URL)",
    add: "Add webhook",
    none: "No webhooks yet.",
  },
  ru: {
    title: "Выручка (Компания): отстаёт от плана",
    bell: "Уведомления",
    markRead: "Прочитано",
    saved: "Сохранено",
    delivery: "Доставка",
    daily: "Ежедневная сводка",
    rule: "Правило:",
    url: "Адрес (URL)",
    add: "Добавить вебхук",
    none: "Вебхуков пока нет.",
  },
} as const;

for (const locale of ["en", "ru"] as const) {
  test(`a target change that turns a KPI off track notifies the owner (${locale})`, async ({ browser }) => {
    test.setTimeout(180_000);
    const text = TEXT[locale];
    const context = await browser.newContext({ locale: locale === "ru" ? "ru-RU" : "en-US" });
    const api = context.request;
    const signUp = await graphql(
      api,
      `
        mutation ($i: SignUpInput!) {
          signUp(input: $i) {
            workspace {
              id
              slug
            }
          }
        }
      `,
      {
        i: {
          email: uniqueEmail(`alerts-${locale}`),
          password: PASSWORD,
          name: "Alert Owner",
          workspaceName: `Alerts ${locale}`,
          locale,
          timeZone: "UTC",
        },
      },
    );
    const { id: workspaceId, slug } = signUp.signUp.workspace;
    // Revenue on every day of this month so far (or yesterday's month on the 1st).
    const today = new Date();
    const days = Array.from({ length: Math.max(1, today.getUTCDate() - 1) }, (_, i) =>
      new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), i + 1)).toISOString().slice(0, 10),
    );
    await graphql(
      api,
      `
        mutation ($i: IngestMetricsInput!) {
          ingestMetrics(input: $i) {
            accepted
          }
        }
      `,
      {
        i: {
          workspaceId,
          idempotencyKey: `alerts-e2e-${locale}-${Date.now()}`,
          rows: days.map((date) => ({ date, channel: "google_ads", measure: "revenue", value: "1000" })),
        },
      },
    );
    const kpis = await graphql(
      api,
      `
        query ($id: ID!) {
          workspace(id: $id) {
            kpis {
              id
              key
            }
          }
        }
      `,
      { id: workspaceId },
    );
    const revenue = kpis.workspace.kpis.find((k: { key: string }) => k.key === "company.revenue").id;
    const anchor = days.at(-1);
    const setTarget = (value: string) =>
      graphql(
        api,
        `
          mutation ($k: ID!, $p: PeriodInput!, $v: Decimal) {
            setKpiTarget(kpiId: $k, period: $p, value: $v) {
              target
            }
          }
        `,
        { k: revenue, p: { type: "MONTH", anchor }, v: value },
      );
    await setTarget("1"); // far ahead of the pace: on track
    const page = await context.newPage();
    await page.goto(`/w/${slug}/notifications`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByText(text.title)).toHaveCount(0);

    await setTarget("1000000000"); // far behind: off track
    // The evaluation runs right after the change; reload until the notification is there.
    await expect(async () => {
      await page.reload();
      await expect(page.getByRole("heading", { name: text.title })).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 30_000 });
    const bell = page.getByTestId("notification-bell");
    const unreadBefore = Number(await bell.getByTestId("unread-count").textContent());
    expect(unreadBefore).toBeGreaterThanOrEqual(1);
    await expect(page.locator('[data-testid="notification"][data-read="false"]')).toHaveCount(unreadBefore);
    const item = page.getByTestId("notification").filter({ has: page.getByRole("heading", { name: text.title }) });
    await expect(item).toContainText(text.rule);
    // The figures, formatted for the locale: the target 1,000,000,000 / 1 000 000 000.
    await expect(item).toContainText(/1[\s,]000[\s,]000[\s,]000/);
    await checkPage(page, `alerts-notifications-${locale}`);

    await item.getByRole("button", { name: text.markRead }).click();
    await expect(item).toHaveAttribute("data-read", "true");
    if (unreadBefore > 1) await expect(bell.getByTestId("unread-count")).toHaveText(String(unreadBefore - 1));
    else await expect(bell.getByTestId("unread-count")).toHaveCount(0);

    await page.getByLabel(text.delivery).selectOption("DAILY_DIGEST");
    await page.getByRole("button", { name: locale === "ru" ? "Сохранить" : "Save" }).click();
    await expect(page.getByRole("status")).toHaveText(text.saved);
    await page.reload();
    await expect(page.getByLabel(text.delivery)).toHaveValue("DAILY_DIGEST");
    await expect(page.getByLabel(text.delivery).locator("option:checked")).toHaveText(text.daily);

    // Webhook settings: a plain-http address is refused (no private/http targets outside the setting), nothing saved.
    await page.goto(`/w/${slug}/settings/webhooks`);
    await expect(page.getByText(text.none)).toBeVisible();
    await checkPage(page, `alerts-webhooks-${locale}`);
    await page.getByLabel(text.url).fill("http://example.com/hook");
    await page.getByRole("button", { name: text.add }).click();
    await expect(page.getByLabel(text.url)).toHaveAttribute("aria-invalid", "true");
    await page.reload();
    await expect(page.getByText(text.none)).toBeVisible();
    await context.close();
  });
}
