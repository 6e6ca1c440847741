import { z } from "zod";
import { AA_NORMAL_TEXT, TEXT_ON_PRIMARY, contrastRatio, parseHexColor } from "./color-contrast";
import { ue } from "@/lib/errors/user-errors";

/**
 * The branding fields a person edits (name and colour; the logo travels as a file, see
 * check-logo.ts). Shared by the workspace's branding today and an agency's later.
 */
export const brandingInputSchema = z.object({
  name: z.string().trim().min(1, ue("BRAND_NAME_REQUIRED")).max(120, ue("TOO_LONG")),
  primaryColor: z.string().transform((v, ctx) => {
    const hex = parseHexColor(v);
    if (!hex) {
      ctx.addIssue({ code: "custom", message: ue("COLOR_NOT_HEX") });
      return z.NEVER;
    }
    const ratio = contrastRatio(hex, TEXT_ON_PRIMARY);
    if (ratio < AA_NORMAL_TEXT) {
      ctx.addIssue({
        code: "custom",
        message: ue("LOW_CONTRAST"),
        params: { ratio: Number(ratio.toFixed(2)), min: AA_NORMAL_TEXT },
      });
      return z.NEVER;
    }
    return hex;
  }),
});

export type BrandingInput = z.output<typeof brandingInputSchema>;
