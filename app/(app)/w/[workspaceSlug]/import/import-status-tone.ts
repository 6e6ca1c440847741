import type { ImportStatus } from "./import-queries";

/** The badge tone of each import status (history rows and the open import). */
export const TONE: Record<ImportStatus, "neutral" | "ok" | "warn" | "bad" | "info"> = {
  UPLOADED: "info",
  QUEUED: "neutral",
  VALIDATING: "neutral",
  RUNNING: "info",
  COMMITTED: "ok",
  FAILED: "bad",
  CANCELLED: "neutral",
  ROLLED_BACK: "warn",
};
