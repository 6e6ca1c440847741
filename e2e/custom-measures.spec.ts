import { expect, test } from "@playwright/test";
import { SignUpPage } from "./pages/marketing";
import { checkPage, uniqueEmail } from "./pages/support";

const PASSWORD = "copper-meadow-signal-58";

/**
 * In Russian, end to end: a custom measure is created, renamed, archived (it leaves the list of
 * measures in use and shows under the archive) and brought back; archiving one a KPI reads is
 * refused with a Russian sentence naming the KPI. Errors the server sends to forms read in
 * Russian: the sign-up password rule and the report colour's contrast, figures with a decimal comma.
 */
test("custom measures: edit, archive and bring back; refusals and form errors in Russian", async ({ browser }) => {
  test.setTimeout(240_000);
  const context = await browser.newContext({ locale: "ru-RU" });
  const page = await context.newPage();
  const signUp = new SignUpPage(page, "ru");

  // A server-side password rule, in Russian, on the sign-up form's own field.
  await signUp.goto();
  const form = page.locator("form");
  await form.getByLabel("Ваше имя", { exact: true }).fill("Ольга");
  await form.getByLabel("Рабочий e-mail", { exact: true }).fill(uniqueEmail("measures-weak"));
  await form.getByLabel("Пароль", { exact: true }).fill("password1");
  await form.getByLabel("Название компании или пространства", { exact: true }).fill("Ромашка");
  await form.getByRole("button", { name: "Создать пространство" }).click();
  await expect(page.locator("#password-error")).toHaveText("Этот пароль слишком распространён: выберите другой");

  const slug = await signUp.signUp({
    name: "Ольга",
    email: uniqueEmail("measures"),
    password: PASSWORD,
    workspaceName: `Меры ${Date.now().toString(36)}`,
    language: "ru",
  });

  // Create.
  await page.goto(`/w/${slug}/settings/measures`);
  await page.getByLabel("Название по-русски", { exact: true }).fill("Звонки");
  await page.getByLabel("Название по-английски", { exact: true }).fill("Calls");
  await page.getByRole("button", { name: "Добавить показатель" }).click();
  const row = page.getByTestId("custom-measure").filter({ hasText: "Звонки" });
  await expect(row).toBeVisible();

  // Edit: rename in both languages.
  await row.getByRole("button", { name: "Изменить Звонки" }).click();
  const edit = page.getByRole("form", { name: "Изменить показатель «Звонки»" });
  await edit.getByLabel("Название по-русски", { exact: true }).fill("Входящие звонки");
  await edit.getByLabel("Название по-английски", { exact: true }).fill("Inbound calls");
  await edit.getByRole("button", { name: "Сохранить" }).click();
  const renamed = page.getByTestId("custom-measure").filter({ hasText: "Входящие звонки" });
  await expect(renamed).toBeVisible();

  // Archive: it moves under "Показатели в архиве"; bring it back.
  await renamed.getByRole("button", { name: "В архив Входящие звонки" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "В архив" }).click();
  const archived = page.getByRole("table", { name: "Показатели в архиве" }).getByTestId("custom-measure");
  await expect(archived).toHaveAttribute("data-archived", "true");
  await expect(archived).toContainText("Входящие звонки");
  await checkPage(page, "measures-archived-ru");
  await archived.getByRole("button", { name: "Вернуть из архива Входящие звонки" }).click();
  await expect(page.getByRole("table", { name: "Показатели в архиве" })).toHaveCount(0);

  // A KPI that reads it (set up over the API with this session): archiving is refused, naming the KPI.
  const workspaceId = await page.evaluate(async (s) => {
    const res = await fetch("/api/graphql", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: `{ viewer { workspaces { workspace { id slug } } } }` }),
    });
    const body = (await res.json()) as {
      data: { viewer: { workspaces: { workspace: { id: string; slug: string } }[] } };
    };
    return body.data.viewer.workspaces.find((w) => w.workspace.slug === s)!.workspace.id;
  }, slug);
  // A KPI reads a measure through a metric: a custom metric over it, then a KPI on that metric.
  const kpi = await page.evaluate(async (ws) => {
    const post = async (query: string, variables: Record<string, unknown>) => {
      const res = await fetch("/api/graphql", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as { errors?: unknown[] };
    };
    // The measure's key as the form suggested it (read back, not assumed).
    const catalog = (await post(`query($id: ID!) { workspace(id: $id) { metricCatalog { key custom nameRu } } }`, {
      id: ws,
    })) as { data?: { workspace: { metricCatalog: { key: string; custom: boolean; nameRu: string }[] } } };
    const measureKey = catalog.data?.workspace.metricCatalog.find(
      (m) => m.custom && m.nameRu === "Входящие звонки",
    )?.key;
    if (!measureKey) return { errors: ["the measure is not in the catalog"] };
    const metric = await post(
      `mutation($i: CreateCustomMetricInput!) { createCustomMetric(input: $i) { metric { key } } }`,
      {
        i: {
          workspaceId: ws,
          key: "calls_per_lead",
          nameEn: "Calls per lead",
          nameRu: "Звонков на лид",
          formula: `${measureKey} / leads`,
          class: "PROCESS",
          direction: "HIGHER",
        },
      },
    );
    if (metric.errors) return metric;
    return post(`mutation($i: CreateKpiInput!) { createKpi(input: $i) { kpi { id } } }`, {
      i: {
        workspaceId: ws,
        metricKey: "calls_per_lead",
        ownerRole: "CMO",
        direction: "HIGHER",
        key: "cmo.calls_per_lead",
      },
    });
  }, workspaceId);
  expect(kpi.errors, JSON.stringify(kpi.errors)).toBeUndefined();
  await page.reload();
  const used = page.getByTestId("custom-measure").filter({ hasText: "Входящие звонки" });
  await used.getByRole("button", { name: "В архив Входящие звонки" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "В архив" }).click();
  await expect(used.getByRole("alert")).toHaveText(
    "«Входящие звонки» нельзя архивировать: его используют KPI — Звонков на лид (Директор по маркетингу). Сначала измените или удалите эти KPI",
  );

  // The report colour's contrast error, in Russian with a decimal comma.
  await page.goto(`/w/${slug}/reports/branding`);
  const branding = page.getByRole("form", { name: "Оформление отчётов" });
  await branding.getByLabel("Название в отчётах", { exact: true }).fill("Ромашка");
  await branding.locator("input[name=primaryColor]").fill("#ffeb3b");
  await branding.getByRole("button", { name: "Сохранить оформление" }).click();
  await expect(branding.locator("#branding-color-error")).toHaveText(
    "Контраст белого текста на этом цвете 1,22:1, а по WCAG AA нужно не меньше 4,5:1 — выберите цвет темнее",
  );
  await context.close();
});
