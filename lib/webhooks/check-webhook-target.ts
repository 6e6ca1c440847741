import "server-only";
import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";
import { env, isTruthy } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";

/** Addresses a webhook may not reach unless WEBHOOK_ALLOW_PRIVATE_TARGETS is set. */
const PRIVATE = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const)
  PRIVATE.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
  ["64:ff9b::", 96],
  ["2001:db8::", 32],
] as const)
  PRIVATE.addSubnet(net, prefix, "ipv6");

/** Whether an IP address is private, loopback, link-local or otherwise not on the public internet. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return PRIVATE.check(address, "ipv4");
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped) return PRIVATE.check(mapped[1], "ipv4");
    return PRIVATE.check(address, "ipv6");
  }
  return true;
}

export function privateTargetsAllowed(): boolean {
  return isTruthy(env().WEBHOOK_ALLOW_PRIVATE_TARGETS);
}

export type ResolveHost = (host: string) => Promise<string[]>;
const resolveHost: ResolveHost = async (host) =>
  (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);

/**
 * Checks a webhook URL: absolute, https (http only with WEBHOOK_ALLOW_PRIVATE_TARGETS), no
 * credentials, and every address its host resolves to public. Errors are BAD_USER_INPUT under
 * `path`. The same check runs again when connecting (deliver-webhooks.ts), so a DNS answer
 * that changes later cannot point a delivery inside the network.
 */
export async function checkWebhookTarget(
  raw: string,
  options: { path?: (string | number)[]; allowPrivate?: boolean; resolve?: ResolveHost } = {},
): Promise<URL> {
  const path = options.path ?? ["url"];
  const allowPrivate = options.allowPrivate ?? privateTargetsAllowed();
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw AppError.badInput(path, "URL_NOT_ABSOLUTE");
  }
  if (url.protocol !== "https:" && !(allowPrivate && url.protocol === "http:"))
    throw AppError.badInput(path, "URL_NOT_HTTPS");
  if (url.username || url.password) throw AppError.badInput(path, "URL_HAS_CREDENTIALS");
  if (raw.length > 2000) throw AppError.badInput(path, "TOO_LONG", { max: 2000 });
  if (allowPrivate) return url;
  const host = url.hostname.replace(/^\[|\]$/g, "");
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : await (options.resolve ?? resolveHost)(host);
  } catch {
    throw AppError.badInput(path, "HOST_DOES_NOT_RESOLVE", { host });
  }
  if (addresses.length === 0) throw AppError.badInput(path, "HOST_DOES_NOT_RESOLVE", { host });
  const blocked = addresses.find(isPrivateAddress);
  if (blocked) throw AppError.badInput(path, "HOST_PRIVATE", { address: blocked });
  return url;
}
