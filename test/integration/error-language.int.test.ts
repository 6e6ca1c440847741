import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { executeGraphQLHttp } from "@/graphql/http-handler";
import { createKey, createWorkspaceWithOwner, uniqueEmail } from "./factories";
import { type TestDatabase, openTestDatabase } from "./harness";

/**
 * SPEC §10: an input error reads in the request's language — the locale cookie, else
 * Accept-Language (else the signed-in person's setting, else English) — while its machine
 * codes stay the same: `extensions.code`, the reason code and its params, beside the message.
 * Through the HTTP transport the web forms and third parties use, on a real database.
 */
let db: TestDatabase;
let adminSecret: string;
let workspaceId: string;

beforeAll(async () => {
  db = await openTestDatabase();
  const ws = await createWorkspaceWithOwner(db);
  workspaceId = ws.workspace.id;
  adminSecret = (await createKey(db, { workspaceId, actorId: ws.owner.id, scopes: ["READ", "WRITE_METRICS", "ADMIN"] }))
    .secret;
}, 300_000);
afterAll(async () => db?.close());

type ErrorBody = {
  errors: {
    message: string;
    extensions: {
      code: string;
      fieldErrors?: { path: (string | number)[]; message: string; reason?: string; params?: Record<string, unknown> }[];
    };
  }[];
};

async function post(
  query: string,
  variables: Record<string, unknown>,
  headers: Record<string, string>,
): Promise<ErrorBody> {
  const res = await executeGraphQLHttp(
    new Request("http://localhost/api/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ query, variables }),
    }),
    async () => db,
  );
  return JSON.parse(await res.text()) as ErrorBody;
}

const SIGN_UP = `mutation ($input: SignUpInput!) { signUp(input: $input) { user { id } } }`;
const BRANDING = `mutation ($input: UpdateReportBrandingInput!) { updateReportBranding(input: $input) { branding { primaryColor } } }`;

describe("input errors in the request's language", () => {
  it("the same refused sign-up reads in ru and in en with the same codes", async () => {
    const input = { email: uniqueEmail("lang"), password: "short", name: "Ольга", workspaceName: "Ромашка" };
    const ru = await post(SIGN_UP, { input }, { "accept-language": "ru-RU,ru;q=0.9,en;q=0.5" });
    const en = await post(SIGN_UP, { input }, { "accept-language": "en-GB,en;q=0.9" });
    for (const body of [ru, en]) {
      expect(body.errors).toHaveLength(1);
      expect(body.errors[0].extensions.code).toBe("BAD_USER_INPUT");
      expect(body.errors[0].extensions.fieldErrors).toEqual([
        expect.objectContaining({ path: ["input", "password"], reason: "PASSWORD_TOO_SHORT", params: { min: 8 } }),
      ]);
    }
    expect(ru.errors[0].extensions.fieldErrors![0].message).toBe("Пароль — не короче 8 симв.");
    expect(en.errors[0].extensions.fieldErrors![0].message).toBe("Password must be at least 8 characters");
    expect(ru.errors[0].message).toBe("input.password: Пароль — не короче 8 симв.");
  });

  it("the locale cookie the switcher sets wins over Accept-Language; a schema rule (zod) is translated too", async () => {
    const input = {
      email: "not an address",
      password: "a long passphrase of words 9182",
      name: "",
      workspaceName: "Ромашка",
    };
    const body = await post(SIGN_UP, { input }, { "accept-language": "en", cookie: "tl.locale=ru" });
    expect(body.errors[0].extensions.fieldErrors).toEqual([
      { path: ["input", "email"], reason: "EMAIL_INVALID", message: "Введите правильный адрес электронной почты" },
    ]);
    const noName = await post(
      SIGN_UP,
      { input: { ...input, email: uniqueEmail("lang"), name: " " } },
      { "accept-language": "en", cookie: "tl.locale=ru" },
    );
    expect(noName.errors[0].extensions.fieldErrors).toEqual([
      { path: ["input", "name"], reason: "PERSON_NAME_REQUIRED", message: "Укажите имя" },
    ]);
  });

  it("a report colour's contrast error: figures formatted for the reader, params as numbers (API key)", async () => {
    const input = { workspaceId, name: "Агентство", primaryColor: "#aaaaaa" };
    const auth = { authorization: `Bearer ${adminSecret}` };
    const ru = await post(BRANDING, { input }, { ...auth, "accept-language": "ru" });
    const en = await post(BRANDING, { input }, auth);
    const [ruField] = ru.errors[0].extensions.fieldErrors!;
    const [enField] = en.errors[0].extensions.fieldErrors!;
    expect(ru.errors[0].extensions.code).toBe("BAD_USER_INPUT");
    expect(en.errors[0].extensions.code).toBe("BAD_USER_INPUT");
    expect(ruField).toMatchObject({
      path: ["input", "primaryColor"],
      reason: "LOW_CONTRAST",
      params: { ratio: 2.32, min: 4.5 },
    });
    expect(enField).toMatchObject({
      path: ["input", "primaryColor"],
      reason: "LOW_CONTRAST",
      params: { ratio: 2.32, min: 4.5 },
    });
    expect(ruField.message).toBe(
      "Контраст белого текста на этом цвете 2,32:1, а по WCAG AA нужно не меньше 4,5:1 — выберите цвет темнее",
    );
    expect(enField.message).toBe(
      "White text on this colour has contrast 2.32:1; WCAG AA needs at least 4.5:1 — choose a darker colour",
    );
  });

  it("an error of the request as a whole (no field) carries its reason too", async () => {
    const rows = [{ date: "2026-11-01", channel: "Яндекс", measure: "spend", value: "1" }];
    const key = "x".repeat(300);
    const ru = await post(
      `mutation ($input: IngestMetricsInput!) { ingestMetrics(input: $input) { accepted } }`,
      { input: { workspaceId, idempotencyKey: key, rows } },
      { authorization: `Bearer ${adminSecret}`, "accept-language": "ru" },
    );
    const [field] = ru.errors[0].extensions.fieldErrors!;
    expect(field.reason).toBe("IDEMPOTENCY_KEY_LENGTH");
    expect(field.message).toMatch(/^от 1 до \d+ симв\.$/);
  });

  it("formula problems read in the request's language and name what is wrong, live and on save", async () => {
    const auth = { authorization: `Bearer ${adminSecret}` };
    const validate = async (locale: string) =>
      JSON.parse(
        await (
          await executeGraphQLHttp(
            new Request("http://localhost/api/graphql", {
              method: "POST",
              headers: { "content-type": "application/json", "accept-language": locale, ...auth },
              body: JSON.stringify({
                query: `query ($id: ID!) { workspace(id: $id) {
                  unknown: validateMetricFormula(formula: "spend / leadz") { valid errors { code message start end } }
                  fn: validateMetricFormula(formula: "sqrt(spend)") { errors { code message } }
                } }`,
                variables: { id: workspaceId },
              }),
            }),
            async () => db,
          )
        ).text(),
      ) as { data: { workspace: Record<string, { errors: { code: string; message: string; start?: number }[] }> } };
    const ru = await validate("ru");
    const en = await validate("en");
    expect(ru.data.workspace.unknown.errors[0]).toMatchObject({ code: "UNKNOWN_REFERENCE", start: 8 });
    expect(ru.data.workspace.unknown.errors[0].message).toBe("неизвестный показатель или метрика «leadz»");
    expect(en.data.workspace.unknown.errors[0].message).toBe("unknown measure or metric \u201cleadz\u201d");
    expect(ru.data.workspace.fn.errors[0].message).toBe("неизвестная функция «sqrt»; есть только prev(x)");

    const saved = await post(
      `mutation ($input: CreateCustomMetricInput!) { createCustomMetric(input: $input) { metric { key } } }`,
      { input: { workspaceId, key: "lang_metric", nameEn: "Lang", formula: "spend / leadz" } },
      { ...auth, "accept-language": "ru" },
    );
    const [field] = saved.errors[0].extensions.fieldErrors!;
    expect(field.reason).toBe("FORMULA_UNKNOWN_REFERENCE");
    expect(field.params).toEqual({ name: "leadz" });
    expect(field.message).toBe("неизвестный показатель или метрика «leadz»");
  });
});
