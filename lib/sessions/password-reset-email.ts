import type { Mail } from "@/lib/mail/send-mail";

/** The password reset e-mail, in the person's language. */
export function passwordResetEmail(input: { to: string; locale: string; url: string; minutes: number }): Mail {
  if (input.locale === "ru") {
    return {
      to: input.to,
      subject: "Сброс пароля Throughline",
      text: `Чтобы задать новый пароль, откройте ссылку:\n\n${input.url}\n\nСсылка одноразовая и действует ${input.minutes} минут. После сброса все открытые сеансы завершатся.\n\nЕсли вы не запрашивали сброс, просто проигнорируйте это письмо.`,
    };
  }
  return {
    to: input.to,
    subject: "Reset your Throughline password",
    text: `To choose a new password, open this link:\n\n${input.url}\n\nThe link works once, for ${input.minutes} minutes. Resetting signs you out everywhere.\n\nIf you did not ask for a reset, ignore this e-mail.`,
  };
}
