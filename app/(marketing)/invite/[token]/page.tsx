import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { StatusPill, type Tone } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { executeServer } from "@/graphql/execute-server";
import { formatDateTime } from "@/lib/i18n/format";
import { AcceptInviteButton, InviteSignUpForm } from "./invite-forms";
import { ClientMessages } from "@/components/i18n/client-messages";
import { graphql } from "@/graphql/client/graphql";

type InviteState = "PENDING" | "ACCEPTED" | "REVOKED" | "EXPIRED";

const INVITATION = graphql(`
  query Invitation($token: String!) {
    invitation(token: $token) {
      workspaceName
      email
      role
      expiresAt
      state
    }
    viewer {
      kind
      email
    }
  }
`);

const STATE_TONE: Record<InviteState, Tone> = { PENDING: "info", ACCEPTED: "neutral", REVOKED: "bad", EXPIRED: "warn" };

export async function generateMetadata() {
  const t = await getTranslations("invite");
  return { title: t("titleUnknown"), robots: { index: false } };
}

/** The page behind an invite link: who invites whom to what, and the way in. */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const t = await getTranslations("invite");
  const tr = await getTranslations("roles");
  const locale = await getLocale();
  const { data } = await executeServer(INVITATION, { token });
  const invitation = data?.invitation ?? null;
  const viewer = data?.viewer?.kind === "USER" ? data.viewer : null;

  if (!invitation) {
    return (
      <div className="mx-auto max-w-xl px-4 py-14">
        <h1 className="text-2xl font-semibold tracking-tight">{t("invalidTitle")}</h1>
        <p className="mt-2 text-ink-muted">{t("invalidBody")}</p>
      </div>
    );
  }

  const next = `/invite/${encodeURIComponent(token)}`;
  return (
    <ClientMessages namespaces={["invite"]}>
      <div className="mx-auto max-w-xl px-4 py-10 sm:py-14">
        <h1 className="text-2xl font-semibold tracking-tight">{t("title", { workspace: invitation.workspaceName })}</h1>
        <p className="mt-2 text-ink-muted">{t("lead", { role: tr(invitation.role) })}</p>

        <Card className="mt-6">
          <h2 className="sr-only">{t("details")}</h2>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
            <dt className="text-ink-muted">{t("workspace")}</dt>
            <dd className="font-medium">{invitation.workspaceName}</dd>
            <dt className="text-ink-muted">{t("role")}</dt>
            <dd className="font-medium">{tr(invitation.role)}</dd>
            <dt className="text-ink-muted">{t("email")}</dt>
            <dd className="font-medium break-all">{invitation.email}</dd>
            <dt className="text-ink-muted">{t("expires")}</dt>
            <dd>
              <time dateTime={invitation.expiresAt}>{formatDateTime(invitation.expiresAt, locale)}</time>
            </dd>
            <dt className="text-ink-muted">{t("state")}</dt>
            <dd data-testid="invite-state">
              <StatusPill tone={STATE_TONE[invitation.state]} label={t(`states.${invitation.state}`)} />
            </dd>
          </dl>
        </Card>

        <div className="mt-6">
          {invitation.state !== "PENDING" ? (
            <Alert tone={invitation.state === "ACCEPTED" ? "info" : "warn"}>
              {t(`unusable.${invitation.state}`)}
              {invitation.state === "ACCEPTED" && !viewer ? (
                <>
                  {" "}
                  <Link href="/login" className="font-medium underline">
                    {t("logInToAccept")}
                  </Link>
                </>
              ) : null}
            </Alert>
          ) : viewer ? (
            <Card>
              <p className="mb-4 text-sm">{t("signedInAs", { email: viewer.email ?? "" })}</p>
              <AcceptInviteButton token={token} />
            </Card>
          ) : (
            <Card>
              <h2 className="mb-4 text-lg font-semibold">{t("signUpTitle")}</h2>
              <InviteSignUpForm
                token={token}
                email={invitation.email}
                role={invitation.role}
                workspaceName={invitation.workspaceName}
              />
              <p className="mt-4 text-sm text-ink-muted">
                {t("haveAccount")}{" "}
                <Link href={`/login?next=${encodeURIComponent(next)}`} className="font-medium text-brand-700 underline">
                  {t("logInToAccept")}
                </Link>
              </p>
            </Card>
          )}
        </div>
      </div>
    </ClientMessages>
  );
}
