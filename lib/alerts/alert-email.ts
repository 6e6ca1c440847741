import { type Locale, toLocale } from "@/lib/i18n/config";
import type { Mail } from "@/lib/mail/send-mail";
import type { LocalizedText } from "./detect-alert-changes";
import { translate } from "./render-alert-text";

export interface MailAlert {
  title: LocalizedText;
  body: LocalizedText;
  ruleText: LocalizedText;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

function block(a: MailAlert, l: Locale): { text: string; html: string } {
  const label = translate(l, "alerts", "email.ruleLabel");
  return {
    text: `${a.title[l]}\n${a.body[l]}\n${label}: ${a.ruleText[l]}`,
    html: `<h3>${escapeHtml(a.title[l])}</h3><p>${escapeHtml(a.body[l])}</p><p><em>${escapeHtml(label)}:</em> ${escapeHtml(a.ruleText[l])}</p>`,
  };
}

/**
 * The e-mail of one alert or of a digest, in the recipient's language — the same texts the
 * notification list shows (title, figures, the rule cited).
 */
export function alertEmail(input: {
  to: string;
  locale: string | null;
  workspaceName: string;
  url: string;
  alerts: readonly MailAlert[];
  digest: boolean;
}): Mail {
  const l: Locale = toLocale(input.locale) ?? "en";
  const blocks = input.alerts.map((a) => block(a, l));
  const subject = input.digest
    ? translate(l, "alerts", "email.digestSubject", { count: input.alerts.length, workspace: input.workspaceName })
    : translate(l, "alerts", "email.subject", { title: input.alerts[0].title[l] });
  const intro = input.digest
    ? `${translate(l, "alerts", "email.digestIntro", { count: input.alerts.length })}\n\n`
    : "";
  const open = translate(l, "alerts", "email.open", { url: input.url });
  const footer = translate(l, "alerts", "email.footer", { workspace: input.workspaceName });
  return {
    to: input.to,
    subject,
    text: `${intro}${blocks.map((b) => b.text).join("\n\n")}\n\n${open}\n\n${footer}\n`,
    html: `${intro ? `<p>${escapeHtml(intro.trim())}</p>` : ""}${blocks.map((b) => b.html).join("<hr>")}<p>${escapeHtml(open)}</p><p style="color:#666">${escapeHtml(footer)}</p>`,
  };
}
