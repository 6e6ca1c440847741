import "server-only";
import type { Membership } from "@/generated/prisma/client";

/** A membership with the person behind it, as lists and mutations return it. */
export type MemberRow = Membership & {
  user: { id: string; name: string; email: string; locale: string; createdAt: Date };
};

export const MEMBER_INCLUDE = {
  user: { select: { id: true, name: true, email: true, locale: true, createdAt: true } },
} as const;
