import { expect, test, type APIRequestContext } from "@playwright/test";
import { SignUpPage } from "./pages/marketing";
import { checkPage, uniqueEmail } from "./pages/support";

const PASSWORD = "copper-harbour-meadow-58";

async function graphql(
  request: APIRequestContext,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) {
  const res = await request.post("/api/graphql", {
    headers: { "content-type": "application/json", ...headers },
    data: { query, variables },
  });
  return (await res.json()) as { data?: any; errors?: { message: string }[] };
}

/**
 * Issue 15: a batch an integration pushes with an API key (over the `npm start` server) shows on
 * the import page beside CSV imports, in ru and en, and rolls back from there; the key reads
 * with a plain GET and sees its rate-limit headers.
 */
test("API batches: pushed with a key, listed on the import page, rolled back in the browser", async ({ browser }) => {
  const context = await browser.newContext({ locale: "ru-RU" });
  const page = await context.newPage();
  const signUp = new SignUpPage(page, "ru");
  await signUp.goto();
  const slug = await signUp.signUp({
    name: "Борис Интегратор",
    email: uniqueEmail("batches"),
    password: PASSWORD,
    workspaceName: `Пакеты ${Date.now().toString(36)}`,
    currency: "RUB",
    timeZone: "Europe/Moscow",
    language: "ru",
  });
  const me = await graphql(page.request, "{ viewer { workspaces { workspace { id slug } } } }");
  const workspaceId = me.data.viewer.workspaces.find((w: { workspace: { slug: string } }) => w.workspace.slug === slug)
    .workspace.id;
  const created = await graphql(
    page.request,
    `
      mutation ($w: ID!) {
        createApiKey(input: { workspaceId: $w, name: "Ночная выгрузка", scopes: [READ, WRITE_METRICS] }) {
          secret
        }
      }
    `,
    { w: workspaceId },
  );
  const secret = created.data.createApiKey.secret as string;

  // The integrator: a plain GET with the key, then a push.
  const get = await page.request.fetch(
    `/api/graphql?query=${encodeURIComponent("{ viewer { kind apiKey { name } } }")}`,
    {
      headers: { authorization: `Bearer ${secret}` },
      failOnStatusCode: false,
    },
  );
  expect(get.status()).toBe(200);
  expect(get.headers()["ratelimit-limit"]).toBe("600");
  expect((await get.json()).data.viewer).toEqual({ kind: "API_KEY", apiKey: { name: "Ночная выгрузка" } });
  const pushed = await graphql(
    page.request,
    `
      mutation ($input: IngestMetricsInput!) {
        ingestMetrics(input: $input) {
          inserted
        }
      }
    `,
    {
      input: {
        workspaceId,
        idempotencyKey: "e2e-batch-1",
        rows: [
          { date: "2026-01-10", channel: "seo", measure: "clicks", value: "12" },
          { date: "2026-01-10", channel: "seo", measure: "leads", value: "3" },
        ],
      },
    },
    { authorization: `Bearer ${secret}` },
  );
  expect(pushed.errors).toBeUndefined();

  await page.goto(`/w/${slug}/import`);
  const section = page.getByRole("table", { name: "Пакеты API, сначала новые" });
  const row = section.getByTestId("metric-batch-row");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Ночная выгрузка");
  await expect(row).toContainText("Применён");
  await checkPage(page, "import-api-batches-ru");
  await row.getByRole("button", { name: "Откатить" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Откатить" }).click();
  await expect(row).toContainText("Откачен");
  const after = await graphql(
    page.request,
    `
      query ($w: ID!) {
        workspace(id: $w) {
          metricValues(keys: ["clicks"], from: "2026-01-01", to: "2026-01-31") {
            value
            reason
          }
        }
      }
    `,
    { w: workspaceId },
  );
  expect(after.data.workspace.metricValues[0]).toEqual({ value: null, reason: "NO_DATA:clicks" });

  // Rotation in the browser: the new secret is shown once; old and new both work for now.
  await page.goto(`/w/${slug}/settings/api-keys`);
  const keyRow = page.getByTestId("api-key-row").filter({ hasText: "Ночная выгрузка" });
  await keyRow.getByRole("button", { name: "Сменить секрет" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Сменить секрет" }).click();
  const shown = keyRow.getByRole("textbox", { name: "Новый секрет ключа Ночная выгрузка" });
  await expect(shown).toBeVisible();
  const rotated = await shown.inputValue();
  expect(rotated).toMatch(/^tl_[a-z2-9]{12}_/);
  expect(rotated).not.toBe(secret);
  await checkPage(page, "api-key-rotated-ru");
  for (const s of [secret, rotated]) {
    const res = await page.request.fetch(`/api/graphql?query=${encodeURIComponent("{ viewer { kind } }")}`, {
      headers: { authorization: `Bearer ${s}` },
      failOnStatusCode: false,
    });
    expect(res.status()).toBe(200);
  }

  // Editing: a new name and limit, effective on the key's next request.
  await keyRow.getByRole("button", { name: "Изменить" }).click();
  const dialog = page.getByRole("dialog", { name: "Изменить ключ «Ночная выгрузка»" });
  await dialog.getByLabel("Название").fill("Выгрузка CRM");
  await dialog.getByLabel("Запросов в минуту").fill("120");
  await dialog.getByRole("button", { name: "Сохранить" }).click();
  await expect(page.getByTestId("api-key-row").filter({ hasText: "Выгрузка CRM" })).toHaveCount(1);
  const edited = await page.request.fetch(
    `/api/graphql?query=${encodeURIComponent("{ viewer { apiKey { name rateLimitPerMinute } } }")}`,
    { headers: { authorization: `Bearer ${rotated}` } },
  );
  expect(edited.headers()["ratelimit-limit"]).toBe("120");
  expect((await edited.json()).data.viewer.apiKey).toEqual({ name: "Выгрузка CRM", rateLimitPerMinute: 120 });
  await context.close();
});
