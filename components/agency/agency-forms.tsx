"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { useGraphQLMutation } from "../forms/use-graphql-mutation";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { CopyableValue } from "../ui/copy-button";
import { Field, Input, Select } from "../ui/field";
import { type TadaDocumentNode, type VariablesOf, graphql } from "@/graphql/client/graphql";

/** A form builds its input from strings; the API validates them. This names the type a mutation takes. */
type Input<D extends TadaDocumentNode<any, { input: any }, any>> = VariablesOf<D>["input"];

/** Roles a client may grant an agency (never OWNER); the labels come from the `roles` namespace. */
const GRANTABLE_ROLES = ["ADMIN", "CMO", "PERFORMANCE", "SMM", "CONTENT", "SALES", "CLIENT_VIEWER"] as const;

const CREATE_AGENCY = graphql(`
  mutation CreateAgency($input: CreateAgencyInput!) {
    createAgency(input: $input) {
      agency {
        publicId
      }
    }
  }
`);

/** Creates an agency; the creator becomes its admin and lands on the (empty) portfolio. */
export function CreateAgencyForm() {
  const t = useTranslations("agency");
  const tc = useTranslations("common");
  const router = useRouter();
  const { run, pending, fieldErrors, formError } = useGraphQLMutation(CREATE_AGENCY);
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const outcome = await run({ input: { name: String(form.get("name")).trim() } });
    const id = outcome.data?.createAgency?.agency.publicId;
    if (id) {
      router.push(`/a/${id}`);
      router.refresh();
    }
  }
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {formError ? <Alert tone="bad">{formError}</Alert> : null}
      <Field id="agency-name" label={t("name")} error={fieldErrors.name}>
        {(p) => <Input {...p} name="name" autoComplete="organization" required />}
      </Field>
      <Button type="submit" pending={pending}>
        {pending ? tc("working") : t("createAgency")}
      </Button>
    </form>
  );
}

const GRANT = graphql(`
  mutation GrantAgencyAccess($input: GrantAgencyAccessInput!) {
    grantAgencyAccess(input: $input) {
      workspace {
        id
      }
    }
  }
`);

/** The owner grants an agency access (or changes its role: granting again with another role). */
export function GrantAgencyForm({
  workspaceId,
  agencyId,
  defaultRole,
}: {
  workspaceId: string;
  agencyId?: string;
  defaultRole?: string;
}) {
  const t = useTranslations("agency");
  const tr = useTranslations("roles");
  const tc = useTranslations("common");
  const router = useRouter();
  const [done, setDone] = useState(false);
  const { run, pending, fieldErrors, formError } = useGraphQLMutation(GRANT);
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setDone(false);
    const form = new FormData(event.currentTarget);
    const emails = String(form.get("managerEmails") ?? "")
      .split(/[\s,;]+/)
      .map((e) => e.trim())
      .filter(Boolean);
    const outcome = await run({
      input: {
        workspaceId,
        agencyId: agencyId ?? String(form.get("agencyId")).trim(),
        role: String(form.get("role")) as Input<typeof GRANT>["role"],
        managerEmails: emails,
      },
    });
    if (outcome.data?.grantAgencyAccess) {
      setDone(true);
      router.refresh();
    }
  }
  const prefix = agencyId ? `grant-${agencyId}` : "grant-new";
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {formError ? <Alert tone="bad">{formError}</Alert> : null}
      {done ? <Alert tone="ok">{t("granted")}</Alert> : null}
      {agencyId ? null : (
        <Field id={`${prefix}-agency`} label={t("agencyIdLabel")} hint={t("agencyIdHint")} error={fieldErrors.agencyId}>
          {(p) => <Input {...p} name="agencyId" required autoComplete="off" />}
        </Field>
      )}
      <Field id={`${prefix}-role`} label={t("grantRole")} error={fieldErrors.role}>
        {(p) => (
          <Select {...p} name="role" defaultValue={defaultRole ?? "CMO"}>
            {GRANTABLE_ROLES.map((r) => (
              <option key={r} value={r}>
                {tr(r)}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field
        id={`${prefix}-managers`}
        label={t("managerEmails")}
        hint={t("managerEmailsHint")}
        error={fieldErrors.managerEmails}
      >
        {(p) => <Input {...p} name="managerEmails" autoComplete="off" />}
      </Field>
      <Button type="submit" pending={pending}>
        {pending ? tc("working") : agencyId ? t("changeRole") : t("grant")}
      </Button>
    </form>
  );
}

const UPDATE_AGENCY = graphql(`
  mutation UpdateAgency($input: UpdateAgencyInput!) {
    updateAgency(input: $input) {
      agency {
        id
        name
        primaryColor
      }
    }
  }
`);

/** Name and brand colour of the agency (the logo lives in the shared branding module). */
export function AgencySettingsForm({
  agencyId,
  name,
  primaryColor,
}: {
  agencyId: string;
  name: string;
  primaryColor: string | null;
}) {
  const t = useTranslations("agency");
  const tc = useTranslations("common");
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const { run, pending, fieldErrors, formError } = useGraphQLMutation(UPDATE_AGENCY);
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    const form = new FormData(event.currentTarget);
    // The logo for the clients' white-label reports travels as base64 (checked by content on the server).
    const file = form.get("logo");
    const logoBase64 = file instanceof File && file.size > 0 ? await fileToBase64(file) : undefined;
    const outcome = await run({
      input: {
        agencyId,
        name: String(form.get("name")).trim(),
        primaryColor: String(form.get("primaryColor")),
        ...(logoBase64 ? { logoBase64 } : {}),
      },
    });
    if (outcome.data) {
      setSaved(true);
      router.refresh();
    }
  }
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {formError ? <Alert tone="bad">{formError}</Alert> : null}
      {saved ? <Alert tone="ok">{t("saved")}</Alert> : null}
      <Field id="agency-settings-name" label={t("name")} error={fieldErrors.name}>
        {(p) => <Input {...p} name="name" defaultValue={name} required />}
      </Field>
      <Field id="agency-settings-color" label={t("primaryColor")} error={fieldErrors.primaryColor}>
        {(p) => (
          <Input
            {...p}
            name="primaryColor"
            type="color"
            defaultValue={primaryColor ?? "#2563eb"}
            className="h-10 w-20 p-1"
          />
        )}
      </Field>
      <Field id="agency-settings-logo" label={t("logo")} hint={t("logoHint")} error={fieldErrors.logoBase64}>
        {(p) => <Input {...p} type="file" name="logo" accept="image/png,image/jpeg,image/webp" />}
      </Field>
      <Button type="submit" pending={pending}>
        {pending ? tc("working") : tc("save")}
      </Button>
    </form>
  );
}

async function fileToBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

const INVITE = graphql(`
  mutation CreateAgencyInvite($input: CreateAgencyInviteInput!) {
    createAgencyInvite(input: $input) {
      inviteUrl
      emailSent
    }
  }
`);

/** Invites a person into the agency; the single-use link is shown once. */
export function AgencyInviteForm({ agencyId }: { agencyId: string }) {
  const t = useTranslations("agency");
  const tc = useTranslations("common");
  const [url, setUrl] = useState<string | null>(null);
  const { run, pending, fieldErrors, formError } = useGraphQLMutation(INVITE);
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const outcome = await run({
      input: {
        agencyId,
        email: String(form.get("email")).trim(),
        role: String(form.get("role")) as Input<typeof INVITE>["role"],
      },
    });
    setUrl(outcome.data?.createAgencyInvite.inviteUrl ?? null);
  }
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {formError ? <Alert tone="bad">{formError}</Alert> : null}
      <Field id="agency-invite-email" label={t("email")} error={fieldErrors.email}>
        {(p) => <Input {...p} name="email" type="email" required />}
      </Field>
      <Field id="agency-invite-role" label={t("agencyRole")} error={fieldErrors.role}>
        {(p) => (
          <Select {...p} name="role" defaultValue="ACCOUNT_MANAGER">
            <option value="ACCOUNT_MANAGER">{t("roles.ACCOUNT_MANAGER")}</option>
            <option value="AGENCY_ADMIN">{t("roles.AGENCY_ADMIN")}</option>
          </Select>
        )}
      </Field>
      <Button type="submit" pending={pending}>
        {pending ? tc("working") : t("invite")}
      </Button>
      {url ? (
        <CopyableValue
          id="agency-invite-url"
          label={t("inviteLink")}
          value={url}
          copyLabel={tc("copy")}
          copiedLabel={tc("copied")}
        />
      ) : null}
    </form>
  );
}

const CREATE_CLIENT = graphql(`
  mutation CreateAgencyClient($input: CreateAgencyClientInput!) {
    createAgencyClient(input: $input) {
      workspace {
        slug
      }
      ownerInviteUrl
    }
  }
`);

/** An agency admin creates a client workspace (held with ADMIN) and may invite its owner. */
export function CreateAgencyClientForm({ agencyId }: { agencyId: string }) {
  const t = useTranslations("agency");
  const tc = useTranslations("common");
  const router = useRouter();
  const [url, setUrl] = useState<string | null>(null);
  const { run, pending, fieldErrors, formError } = useGraphQLMutation(CREATE_CLIENT);
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const slug = String(form.get("slug")).trim();
    const ownerEmail = String(form.get("ownerEmail")).trim();
    const outcome = await run({
      input: { agencyId, name: String(form.get("name")).trim(), slug: slug || null, ownerEmail: ownerEmail || null },
    });
    if (outcome.data?.createAgencyClient) {
      setUrl(outcome.data.createAgencyClient.ownerInviteUrl);
      router.refresh();
    }
  }
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {formError ? <Alert tone="bad">{formError}</Alert> : null}
      <Field id="agency-client-name" label={t("clientName")} error={fieldErrors.name}>
        {(p) => <Input {...p} name="name" required />}
      </Field>
      <Field id="agency-client-slug" label={t("clientSlug")} hint={t("clientSlugHint")} error={fieldErrors.slug}>
        {(p) => <Input {...p} name="slug" autoComplete="off" />}
      </Field>
      <Field id="agency-client-owner" label={t("ownerEmail")} hint={t("ownerEmailHint")} error={fieldErrors.ownerEmail}>
        {(p) => <Input {...p} name="ownerEmail" type="email" />}
      </Field>
      <Button type="submit" pending={pending}>
        {pending ? tc("working") : t("createClient")}
      </Button>
      {url ? (
        <CopyableValue
          id="agency-owner-invite"
          label={t("ownerInviteLink")}
          value={url}
          copyLabel={tc("copy")}
          copiedLabel={tc("copied")}
        />
      ) : null}
    </form>
  );
}
