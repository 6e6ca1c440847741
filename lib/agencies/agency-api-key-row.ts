import "server-only";
import type { AgencyApiKey } from "@/generated/prisma/client";

/** An agency key without its hash. */
export type AgencyApiKeyRow = Omit<AgencyApiKey, "secretHash">;

export function toAgencyApiKey({ secretHash: _hash, ...rest }: AgencyApiKey): AgencyApiKeyRow {
  return rest;
}
