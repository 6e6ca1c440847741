import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/lib/env";

export interface MailAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: MailAttachment[];
  /** Extra headers, e.g. List-Unsubscribe. */
  headers?: Record<string, string>;
}

const transporters = new Map<string, Transporter>();

function transporterFor(url: string): Transporter {
  let transporter = transporters.get(url);
  if (!transporter) {
    transporter = nodemailer.createTransport(url);
    transporters.set(url, transporter);
  }
  return transporter;
}

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
  if (!mailEnabled()) return false;
  try {
    await deliverMail(mail);
    return true;
  } catch (error) {
    console.error("[mail] sending failed", { to: mail.to, subject: mail.subject, error: (error as Error).message });
    return false;
  }
}

/**
 * Sends one e-mail and throws when it cannot (not configured, refused): for callers that keep
 * a delivery log with retries (scheduled reports). `smtpUrl` overrides SMTP_URL (tests and
 * benchmarks start their own SMTP server).
 */
export async function deliverMail(mail: Mail, options: { smtpUrl?: string } = {}): Promise<void> {
  const { SMTP_URL, MAIL_FROM } = env();
  const url = options.smtpUrl ?? SMTP_URL;
  if (!url) throw new Error("Mail is not configured (SMTP_URL)");
  await transporterFor(url).sendMail({ from: MAIL_FROM, ...mail });
}
