import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

/**
 * Playwright drives the real app in Chromium. The server is started by the test runner
 * script (npm run start:e2e), not here: point E2E_BASE_URL at it.
 *
 * Chromium: CHROMIUM_PATH, else Debian's /usr/bin/chromium when it exists, else Playwright's
 * own browser (`npx playwright install chromium` on a connected machine).
 */
const chromiumPath = process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

export default defineConfig({
  testDir: "e2e",
  testMatch: /.*\.spec\.ts$/,
  // Overridable so that two runs on one checkout do not wipe each other's traces.
  outputDir: process.env.PW_OUTPUT_DIR ?? "test-results/playwright",
  // A journey renders ~20 pages, each first render on demand; 2-core CI machines are slow.
  timeout: 240_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [
    ["list"],
    ["html", { outputFolder: process.env.PW_REPORT_DIR ?? "test-results/playwright-report", open: "never" }],
  ],
  use: {
    baseURL: process.env.E2E_BASE_URL ?? "http://127.0.0.1:3000",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    // Pages are server-rendered on demand; the first hit of a route can be slow on 2 cores.
    navigationTimeout: 45_000,
    actionTimeout: 15_000,
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: chromiumPath,
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
          ],
        },
      },
    },
  ],
});
