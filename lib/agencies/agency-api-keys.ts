import "server-only";
import { generateApiKey, hashApiKey } from "@/lib/auth/api-key-format";

/**
 * Agency API keys look like `tla_<prefix>_<secret>` (workspace keys: `tl_…`), so the
 * transport knows which door to knock on before any lookup; everything else (prefix alphabet,
 * 32-byte secret, SHA-256 only stored) is the workspace keys' format.
 */
export function generateAgencyApiKey(): { prefix: string; secret: string; secretHash: string } {
  const { prefix, secret } = generateApiKey();
  const agencySecret = `tla_${secret.slice("tl_".length)}`;
  return { prefix, secret: agencySecret, secretHash: hashApiKey(agencySecret) };
}

export function parseAgencyApiKey(secret: string): { prefix: string } | null {
  const match = /^tla_([a-z2-9]{12})_[A-Za-z0-9_-]{43}$/.exec(secret);
  return match ? { prefix: match[1] } : null;
}
