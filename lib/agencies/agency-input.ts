import { z } from "zod";
import { ue } from "@/lib/errors/user-errors";

export const agencyNameSchema = z
  .string()
  .trim()
  .min(1, ue("AGENCY_NAME_REQUIRED"))
  .max(120, ue("AGENCY_NAME_TOO_LONG"));
/** '#rrggbb' (stored lower-case). */
export const primaryColorSchema = z
  .string()
  .trim()
  .regex(/^#[0-9a-fA-F]{6}$/, ue("COLOR_FORMAT"))
  .transform((c) => c.toLowerCase());
