import { z } from "zod";
import { AA_NORMAL_TEXT, TEXT_ON_PRIMARY, contrastRatio, parseHexColor } from "./color-contrast";

/**
 * The branding fields a person edits (name and colour; the logo travels as a file, see
 * check-logo.ts). Shared by the workspace's branding today and an agency's later.
 */
export const brandingInputSchema = z.object({
  name: z.string().trim().min(1, "Name is required").max(120, "Name must be at most 120 characters"),
  primaryColor: z
    .string()
    .transform((v, ctx) => {
      const hex = parseHexColor(v);
      if (!hex) {
        ctx.addIssue({ code: "custom", message: "Colour must be a hex colour such as #1d4ed8" });
        return z.NEVER;
      }
      const ratio = contrastRatio(hex, TEXT_ON_PRIMARY);
      if (ratio < AA_NORMAL_TEXT) {
        ctx.addIssue({
          code: "custom",
          message: `White text on this colour has contrast ${ratio.toFixed(2)}:1; WCAG AA needs at least ${AA_NORMAL_TEXT}:1 — choose a darker colour`,
        });
        return z.NEVER;
      }
      return hex;
    }),
});

export type BrandingInput = z.output<typeof brandingInputSchema>;
