import "server-only";
import http from "node:http";
import https from "node:https";
import { lookup } from "node:dns";
import type { LookupFunction } from "node:net";
import type { Database } from "@/lib/db/client";
import { WEBHOOK_DISABLE_AFTER_FAILURES } from "@/lib/alerts/alert-rules";
import { recordAlerts } from "@/lib/alerts/record-alerts";
import { renderAlertText } from "@/lib/alerts/render-alert-text";
import { withTenantSql } from "@/lib/alerts/tenant-sql";
import { formatNumber } from "@/lib/i18n/format";
import { checkWebhookTarget, isPrivateAddress, privateTargetsAllowed } from "./check-webhook-target";
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, signWebhook } from "./sign-webhook";
import { decryptWebhookSecret } from "./webhook-secret";
import { WEBHOOK_EVENTS, type WebhookEvent } from "./webhook-events";

export interface WebhookDeliveryOptions {
  /** Attempts per delivery before it is marked FAILED. */
  maxAttempts: number;
  /** Backoff before retry n (1-based): baseDelayMs × 4^(n−1) — 1 s, 4 s, 16 s, 64 s by default. */
  baseDelayMs: number;
  timeoutMs: number;
}

const DEFAULTS: WebhookDeliveryOptions = { maxAttempts: 5, baseDelayMs: 1000, timeoutMs: 10_000 };
let options: WebhookDeliveryOptions = { ...DEFAULTS };

/** Tests and benchmarks shorten the backoff; the app keeps the defaults. */
export function configureWebhookDelivery(partial: Partial<WebhookDeliveryOptions> | null): void {
  options = partial ? { ...options, ...partial } : { ...DEFAULTS };
}

export function retryDelayMs(attempt: number): number {
  return options.baseDelayMs * 4 ** (attempt - 1);
}

/**
 * Sends every due delivery (leased with SKIP LOCKED, so two instances never send the same
 * attempt) and records each attempt. Returns how many attempts were made.
 */
export async function deliverDueWebhooks(db: Database, limit = 20): Promise<number> {
  const { rows } = await db.sql.query<{ workspace_id: string; delivery_id: string }>(
    "SELECT workspace_id::text, delivery_id::text FROM lease_due_webhook_deliveries($1, $2)",
    [limit, Math.ceil(options.timeoutMs / 1000) + 30],
  );
  await Promise.all(rows.map((r) => attemptDelivery(db, r.workspace_id, r.delivery_id)));
  return rows.length;
}

interface DeliveryRow {
  id: string;
  event: string;
  event_id: string;
  body: string;
  attempts: number;
  subscription_id: string;
  url: string;
  secret_ciphertext: string;
  enabled: boolean;
}

/** One attempt of one delivery: sign, POST, log, then succeed, schedule a retry, or fail. */
export async function attemptDelivery(db: Database, workspaceId: string, deliveryId: string): Promise<void> {
  const delivery = await withTenantSql(db, workspaceId, async (sql) => {
    const { rows } = await sql.query<DeliveryRow>(
      `SELECT d.id::text, d.event, d.event_id::text, d.body, d.attempts, d.subscription_id::text, s.url, s.secret_ciphertext, s.enabled
       FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.workspace_id = d.workspace_id AND s.id = d.subscription_id
       WHERE d.workspace_id = $1::uuid AND d.id = $2::uuid AND d.status IN ('PENDING', 'RETRYING')`,
      [workspaceId, deliveryId],
    );
    return rows[0] ?? null;
  });
  if (!delivery) return;
  const attemptNo = delivery.attempts + 1;
  const started = performance.now();
  let code: number | null = null;
  let error: string | null = null;
  if (!delivery.enabled) error = "the webhook is turned off";
  else {
    try {
      const url = await checkWebhookTarget(delivery.url);
      const timestamp = Math.floor(Date.now() / 1000);
      code = await post(url, delivery.body, {
        "content-type": "application/json",
        "user-agent": "Throughline-Webhooks/1",
        [TIMESTAMP_HEADER]: String(timestamp),
        [SIGNATURE_HEADER]: signWebhook(decryptWebhookSecret(delivery.secret_ciphertext), timestamp, delivery.body),
        "Throughline-Event": WEBHOOK_EVENTS[delivery.event as WebhookEvent] ?? delivery.event,
        "Throughline-Delivery": delivery.id,
        "Throughline-Event-Id": delivery.event_id,
      });
      if (code < 200 || code >= 300) error = `HTTP ${code}`;
    } catch (e) {
      error = (e as Error).message.slice(0, 500);
    }
  }
  const latency = Math.round(performance.now() - started);
  const ok = error === null;
  const final = ok || attemptNo >= options.maxAttempts || !delivery.enabled;
  const disabled = await withTenantSql(db, workspaceId, async (sql) => {
    await sql.query(
      `INSERT INTO webhook_delivery_attempts (workspace_id, delivery_id, attempt_no, response_code, latency_ms, error) VALUES ($1::uuid, $2::uuid, $3, $4, $5, $6)`,
      [workspaceId, deliveryId, attemptNo, code, latency, error],
    );
    await sql.query(
      `UPDATE webhook_deliveries SET attempts = $3, status = $4, last_response_code = $5, last_latency_ms = $6, last_error = $7,
              next_attempt_at = CASE WHEN $4 = 'RETRYING' THEN now() + make_interval(secs => $8::double precision / 1000) ELSE NULL END,
              lease_until = NULL, delivered_at = CASE WHEN $4 = 'SUCCEEDED' THEN now() ELSE delivered_at END
       WHERE workspace_id = $1::uuid AND id = $2::uuid`,
      [
        workspaceId,
        deliveryId,
        attemptNo,
        ok ? "SUCCEEDED" : final ? "FAILED" : "RETRYING",
        code,
        latency,
        error,
        retryDelayMs(attemptNo),
      ],
    );
    if (ok) {
      await sql.query(
        `UPDATE webhook_subscriptions SET consecutive_failures = 0 WHERE workspace_id = $1::uuid AND id = $2::uuid`,
        [workspaceId, delivery.subscription_id],
      );
      return false;
    }
    if (!final || !delivery.enabled) return false;
    // A delivery that used up its attempts: one more failure in a row; turned off at the limit.
    const { rows } = await sql.query<{ consecutive_failures: number; enabled: boolean; url: string }>(
      `UPDATE webhook_subscriptions SET consecutive_failures = consecutive_failures + 1,
              enabled = enabled AND consecutive_failures + 1 < $3,
              disabled_at = CASE WHEN enabled AND consecutive_failures + 1 >= $3 THEN now() ELSE disabled_at END,
              updated_at = now()
       WHERE workspace_id = $1::uuid AND id = $2::uuid RETURNING consecutive_failures, enabled, url`,
      [workspaceId, delivery.subscription_id, WEBHOOK_DISABLE_AFTER_FAILURES],
    );
    const sub = rows[0];
    if (!sub || sub.enabled) return false;
    await recordAlerts(
      sql,
      workspaceId,
      [
        {
          rule: "WEBHOOK_DISABLED",
          severity: "warning",
          subject: delivery.subscription_id,
          kpiId: null,
          audience: { kind: "managers", withCmo: false },
          title: renderAlertText("title.WEBHOOK_DISABLED"),
          body: renderAlertText("body.WEBHOOK_DISABLED", (l) => ({
            url: sub.url,
            failures: formatNumber(String(sub.consecutive_failures), l),
          })),
          ruleText: renderAlertText("rule.WEBHOOK_DISABLED", (l) => ({
            limit: formatNumber(String(WEBHOOK_DISABLE_AFTER_FAILURES), l),
          })),
          figures: {
            subscriptionId: delivery.subscription_id,
            url: sub.url,
            consecutiveFailures: sub.consecutive_failures,
          },
        },
      ],
      new Date(),
    );
    return true;
  });
  if (disabled) onWebhookDisabled?.(workspaceId);
}

let onWebhookDisabled: ((workspaceId: string) => void) | null = null;
/** The scheduler sends the admins' e-mails when a webhook is turned off (alert-scheduler.ts). */
export function onWebhookDisabledHook(fn: ((workspaceId: string) => void) | null): void {
  onWebhookDisabled = fn;
}

/** Connects only to the addresses the check allows, whatever DNS answers at connect time. */
const guardedLookup: LookupFunction = (hostname, opts, callback) => {
  lookup(hostname, { ...opts, all: true }, (err, addresses) => {
    if (err) return callback(err, "", 0);
    const list = addresses as unknown as { address: string; family: number }[];
    const allowed = privateTargetsAllowed() ? list : list.filter((a) => !isPrivateAddress(a.address));
    if (allowed.length === 0 || allowed.length !== list.length)
      return callback(new Error(`${hostname} resolves to a private address`), "", 0);
    if ((opts as { all?: boolean }).all)
      return (callback as unknown as (e: null, a: typeof list) => void)(null, allowed);
    callback(null, allowed[0].address, allowed[0].family);
  });
};

function post(url: URL, body: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const client = url.protocol === "https:" ? https : http;
    const req = client.request(
      url,
      {
        method: "POST",
        headers: { ...headers, "content-length": Buffer.byteLength(body) },
        lookup: guardedLookup,
        timeout: options.timeoutMs,
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`no response within ${options.timeoutMs} ms`)));
    req.on("error", reject);
    req.end(body);
  });
}
