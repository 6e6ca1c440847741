import { z } from "zod";

export const agencyNameSchema = z.string().trim().min(1, "Agency name is required").max(120, "Agency name is at most 120 characters");
/** '#rrggbb' (stored lower-case). */
export const primaryColorSchema = z
  .string()
  .trim()
  .regex(/^#[0-9a-fA-F]{6}$/, "Colour must look like #1a2b3c")
  .transform((c) => c.toLowerCase());
