import "server-only";
import type { Branding } from "@/generated/prisma/client";
import type { Database } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { parseInput } from "@/lib/errors/parse-input";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { brandingInputSchema } from "./branding-input";
import { type LogoProblem, MAX_LOGO_BYTES, checkLogo } from "./check-logo";

export type { Branding };

/**
 * Saves the workspace's own branding (creates it on first save): name and primary colour
 * (checked for AA contrast), and — when `logo` is given — the logo bytes, checked by content
 * (`null` removes it). Nothing is saved when any field is wrong.
 */
export async function saveWorkspaceBranding(
  db: Database,
  input: { workspaceId: string; name: string; primaryColor: string; logo?: Uint8Array | null },
): Promise<Branding> {
  const fields = parseInput(brandingInputSchema, { name: input.name, primaryColor: input.primaryColor });
  let logo: { bytes: Uint8Array<ArrayBuffer>; type: string } | null | undefined;
  if (input.logo === null) logo = null;
  else if (input.logo !== undefined) {
    const check = checkLogo(input.logo);
    if (!check.ok) throw logoProblem(check.problem);
    logo = { bytes: new Uint8Array(input.logo), type: check.type };
  }
  const { workspaceId } = input;
  return withTenant(db, { workspaceId }, async (tx) => {
    const existing = await tx.branding.findFirst({
      where: { workspaceId, ownerKind: "WORKSPACE" },
      orderBy: { createdAt: "asc" },
    });
    const data = {
      name: fields.name,
      primaryColor: fields.primaryColor,
      updatedAt: new Date(),
      ...(logo === undefined ? {} : { logo: logo?.bytes ?? null, logoType: logo?.type ?? null }),
    };
    const saved = existing
      ? await tx.branding.update({ where: { id: existing.id }, data })
      : await tx.branding.create({ data: { workspaceId, ownerKind: "WORKSPACE", ...data } });
    // Reports without a branding pick up the workspace's.
    await tx.report.updateMany({ where: { workspaceId, brandingId: null }, data: { brandingId: saved.id } });
    return saved;
  });
}

/** The workspace's own branding, or null when none was saved. */
export async function findWorkspaceBranding(db: Database, input: { workspaceId: string }): Promise<Branding | null> {
  return withTenant(db, { workspaceId: input.workspaceId }, (tx) =>
    tx.branding.findFirst({
      where: { workspaceId: input.workspaceId, ownerKind: "WORKSPACE" },
      orderBy: { createdAt: "asc" },
    }),
  );
}

/**
 * Replaces only the logo of the workspace's branding (the upload route): checked by content;
 * a workspace without a branding gets one with its own name and the default colour.
 */
export async function saveWorkspaceLogo(
  db: Database,
  input: { workspaceId: string; logo: Uint8Array },
): Promise<Branding> {
  const check = checkLogo(input.logo);
  if (!check.ok) throw logoProblem(check.problem);
  const { workspaceId } = input;
  return withTenant(db, { workspaceId }, async (tx) => {
    const existing = await tx.branding.findFirst({
      where: { workspaceId, ownerKind: "WORKSPACE" },
      orderBy: { createdAt: "asc" },
    });
    const data = { logo: new Uint8Array(input.logo), logoType: check.type, updatedAt: new Date() };
    if (existing) return tx.branding.update({ where: { id: existing.id }, data });
    const workspace = await tx.workspace.findFirstOrThrow({ where: { id: workspaceId } });
    const created = await tx.branding.create({
      data: { workspaceId, ownerKind: "WORKSPACE", name: workspace.name, ...data },
    });
    await tx.report.updateMany({ where: { workspaceId, brandingId: null }, data: { brandingId: created.id } });
    return created;
  });
}

/** A logo problem as a BAD_USER_INPUT on `logo` with its reason code. */
export function logoProblem(problem: LogoProblem, maxBytes = MAX_LOGO_BYTES): AppError {
  if (problem === "TOO_LARGE")
    return AppError.badInput(["logo"], "LOGO_TOO_LARGE", { max: Math.round(maxBytes / 1024) });
  return AppError.badInput(
    ["logo"],
    problem === "EMPTY" ? "LOGO_EMPTY" : problem === "SVG" ? "LOGO_SVG" : "LOGO_NOT_AN_IMAGE",
  );
}
