import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/lib/env";

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

let transporter: { url: string; transport: Transporter } | undefined;

/** Whether outgoing mail is configured (SMTP_URL). */
export function mailEnabled(): boolean {
  return Boolean(env().SMTP_URL);
}

/**
 * Sends one e-mail through SMTP_URL. Returns false, without throwing, when mail is not
 * configured or the server refuses: callers (invites) always show the link as well, so a
 * mail problem must not undo the action.
 */
export async function sendMail(mail: Mail): Promise<boolean> {
  const { SMTP_URL, MAIL_FROM } = env();
  if (!SMTP_URL) return false;
  if (transporter?.url !== SMTP_URL) transporter = { url: SMTP_URL, transport: nodemailer.createTransport(SMTP_URL) };
  try {
    await transporter.transport.sendMail({ from: MAIL_FROM, ...mail });
    return true;
  } catch (error) {
    console.error("[mail] sending failed", { to: mail.to, subject: mail.subject, error: (error as Error).message });
    return false;
  }
}
