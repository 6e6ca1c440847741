import "server-only";
import http from "node:http";
import { env } from "@/lib/env";

/**
 * The client's address for per-IP throttles.
 *
 * Next.js keeps a client-sent `X-Forwarded-For` as it is and only fills it in when it is
 * missing, so the header alone cannot tell a real hop from a forged one, and route handlers
 * never see the socket. {@link installPeerAddressHeader} (called once at start from
 * instrumentation.ts) therefore stamps every incoming request of this process with the
 * socket's address in {@link PEER_ADDRESS_HEADER}, overwriting whatever the client sent under
 * that name. {@link clientAddress} then takes:
 *
 * - `TRUST_PROXY=0` (default): the socket address — nothing the client says is believed;
 * - `TRUST_PROXY=n`: n proxies of ours stand in front and each appends the address it saw,
 *   so the list [socket, X-Forwarded-For right to left] is walked n hops: the right-most
 *   address no trusted proxy vouches for. A forged left part of the header is never reached.
 */
export const PEER_ADDRESS_HEADER = "x-throughline-peer-address";

const installed = Symbol.for("throughline.peerAddressHeader");

export function installPeerAddressHeader(): void {
  const proto = http.Server.prototype as unknown as Record<symbol, boolean> & {
    emit: (event: string, ...args: unknown[]) => boolean;
  };
  if (proto[installed]) return;
  proto[installed] = true;
  const emit = proto.emit;
  proto.emit = function patchedEmit(this: http.Server, event: string, ...args: unknown[]) {
    if (event === "request") {
      const req = args[0] as http.IncomingMessage;
      req.headers[PEER_ADDRESS_HEADER] = normalize(req.socket?.remoteAddress ?? "");
    }
    return emit.call(this, event, ...args);
  };
}

type HeaderSource =
  Headers | { get(name: string): string | null } | Record<string, string | string[] | undefined> | undefined | null;

function header(source: HeaderSource, name: string): string | null {
  if (!source) return null;
  if (typeof (source as Headers).get === "function") return (source as Headers).get(name);
  const value = (source as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(value) ? value.join(", ") : (value ?? null);
}

/** How many proxy hops TRUST_PROXY trusts ("true" = 1, "false" = 0, else the number). */
export function trustedProxyHops(): number {
  const raw = env().TRUST_PROXY;
  if (raw === "true") return 1;
  if (raw === "false") return 0;
  return Number(raw);
}

/** The client address of a request (see the module comment), or null when the socket is unknown. */
export function clientAddress(headers: HeaderSource, hops = trustedProxyHops()): string | null {
  const peer = header(headers, PEER_ADDRESS_HEADER);
  if (!peer) return null; // not stamped: no address to trust (and none to forge)
  if (hops <= 0) return peer;
  const forwarded = (header(headers, "x-forwarded-for") ?? "")
    .split(",")
    .map((h) => normalize(h.trim()))
    .filter(Boolean);
  const chain = [peer, ...forwarded.reverse()];
  return chain[Math.min(hops, chain.length - 1)];
}

/** `::ffff:10.0.0.1` → `10.0.0.1`, so one client has one key. */
function normalize(address: string): string {
  return address.startsWith("::ffff:") && address.includes(".") ? address.slice(7) : address;
}
