import type { Mail } from "@/lib/mail/send-mail";

const ROLE_NAMES: Record<"ru" | "en", Record<string, string>> = {
  en: {
    OWNER: "owner",
    ADMIN: "administrator",
    CMO: "CMO",
    PERFORMANCE: "performance marketer",
    SMM: "SMM specialist",
    CONTENT: "content marketer",
    SALES: "sales",
    CLIENT_VIEWER: "client viewer",
  },
  ru: {
    OWNER: "владелец",
    ADMIN: "администратор",
    CMO: "директор по маркетингу",
    PERFORMANCE: "performance-маркетолог",
    SMM: "SMM-специалист",
    CONTENT: "контент-маркетолог",
    SALES: "отдел продаж",
    CLIENT_VIEWER: "клиент (просмотр)",
  },
};

/** The invitation e-mail, in the workspace's language. */
export function inviteEmail(input: {
  to: string;
  workspaceName: string;
  inviterName: string;
  role: string;
  inviteUrl: string;
  expiresAt: Date;
  locale: string;
}): Mail {
  const locale = input.locale === "ru" ? "ru" : "en";
  const role = ROLE_NAMES[locale][input.role] ?? input.role;
  const until = input.expiresAt.toLocaleDateString(locale === "ru" ? "ru-RU" : "en-GB", {
    dateStyle: "long",
    timeZone: "UTC",
  });
  if (locale === "ru") {
    return {
      to: input.to,
      subject: `${input.inviterName} приглашает вас в «${input.workspaceName}» в Throughline`,
      text: `${input.inviterName} приглашает вас в рабочее пространство «${input.workspaceName}» в роли: ${role}.\n\nПринять приглашение: ${input.inviteUrl}\n\nСсылка одноразовая и действует до ${until}.`,
    };
  }
  return {
    to: input.to,
    subject: `${input.inviterName} invited you to ${input.workspaceName} on Throughline`,
    text: `${input.inviterName} invited you to the ${input.workspaceName} workspace as ${role}.\n\nAccept the invitation: ${input.inviteUrl}\n\nThe link works once and expires on ${until}.`,
  };
}
