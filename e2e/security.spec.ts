import { expect, test, type Page } from "@playwright/test";
import { SignUpPage } from "./pages/marketing";
import { uniqueEmail } from "./pages/support";

/**
 * Security headers in the browser (issue 16): every main page carries a nonce CSP, and runs
 * under it — no Content-Security-Policy violation on any of them (the explorer included), and
 * the forms still work (sign-up is done through the real form). Plus: no page can be framed,
 * and a malformed %-escape in the address is a 400, not a 500.
 */
const PASSWORD = "copper-harbour-lantern-61";

/** Collects CSP violations reported by the page (the event) and by the console. */
async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (execute|load|apply|connect)/i.test(message.text()))
      violations.push(message.text());
  });
  await page.exposeFunction("__reportCspViolation", (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { __reportCspViolation(t: string): void }).__reportCspViolation(
        `${e.violatedDirective} ${e.blockedURI}`,
      );
    });
  });
  return violations;
}

async function visit(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response, path).not.toBeNull();
  expect(response!.status(), path).toBeLessThan(400);
  const headers = response!.headers();
  const csp = headers["content-security-policy"] ?? "";
  expect(csp, `${path} CSP`).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp, `${path} CSP`).toMatch(/frame-ancestors 'none'/);
  expect(headers["x-content-type-options"], path).toBe("nosniff");
  expect(headers["x-frame-options"], path).toBe("DENY");
  expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"], path).toMatch(/camera=\(\)/);
  await page.waitForLoadState("networkidle").catch(() => undefined);
  // Hydrated: Next's scripts ran under the policy.
  await expect
    .poll(() => page.evaluate(() => Boolean((window as unknown as { next?: unknown }).next)), {
      message: `${path} hydrated`,
    })
    .toBe(true);
}

test("every main page runs under the CSP without a violation", async ({ page }) => {
  test.setTimeout(240_000);
  const violations = await watchCsp(page);
  for (const path of ["/", "/login", "/signup", "/explorer", "/reset-password", "/reset-password/not-a-real-token"])
    await visit(page, path);

  const signUp = new SignUpPage(page, "en");
  await signUp.goto();
  const slug = await signUp.signUp({
    name: "Sam Secure",
    email: uniqueEmail("csp"),
    password: PASSWORD,
    workspaceName: `CSP ${Date.now().toString(36)}`,
    language: "en",
  });
  for (const path of [
    `/w/${slug}/onboarding`,
    `/w/${slug}`,
    `/w/${slug}/scorecards/company`,
    `/w/${slug}/kpis`,
    `/w/${slug}/tree`,
    `/w/${slug}/targets`,
    `/w/${slug}/import`,
    `/w/${slug}/reports`,
    `/w/${slug}/sales`,
    `/w/${slug}/settings`,
    `/w/${slug}/settings/members`,
    `/w/${slug}/settings/api-keys`,
    `/w/${slug}/settings/metrics`,
    `/w/${slug}/settings/audit`,
    "/account",
    "/explorer",
  ]) {
    await visit(page, path);
  }
  // The account page lists this browser's session, marked as this device.
  await visit(page, "/account");
  await expect(page.getByTestId("account-session-row")).toHaveCount(1);
  await expect(page.getByTestId("account-session-row").first()).toContainText(/This device/);
  // The explorer runs a query in the page (a fetch to /api/graphql under connect-src 'self').
  expect(violations).toEqual([]);
});

test("API responses carry the headers too; a malformed %-escape is a 400", async ({ request }) => {
  const api = await request.get("/api/health");
  expect(api.headers()["x-content-type-options"]).toBe("nosniff");
  expect(api.headers()["content-security-policy"]).toMatch(/default-src 'none'/);
  expect(api.headers()["x-frame-options"]).toBe("DENY");
  const bad = await request.get("/w/%E0%A4%A");
  expect(bad.status()).toBe(400);
});

test("the real server takes the client address from the socket, not from forged headers", async ({
  playwright,
  baseURL,
}) => {
  const api = await playwright.request.newContext({ baseURL });
  const forged = {
    "x-forwarded-for": "6.6.6.6",
    "x-throughline-peer-address": "6.6.6.6",
    "content-type": "application/json",
  };
  const signUp = await api.post("/api/graphql", {
    headers: forged,
    data: {
      query: "mutation($input: SignUpInput!) { signUp(input: $input) { user { id } } }",
      variables: { input: { email: uniqueEmail("peer"), password: PASSWORD, name: "Peer", workspaceName: "Peer" } },
    },
  });
  expect((await signUp.json()).errors).toBeUndefined();
  const viewer = await api.post("/api/graphql", {
    headers: forged,
    data: { query: "{ viewer { sessions { ip current } } }" },
  });
  const sessions = (await viewer.json()).data.viewer.sessions as { ip: string; current: boolean }[];
  expect(sessions).toHaveLength(1);
  expect(sessions[0].ip).toBe("127.0.0.1");
  await api.dispose();
});
