"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { ConfirmMutationButton } from "@/components/app/confirm-mutation-button";
import { useGraphQLMutation } from "@/components/forms/use-graphql-mutation";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/dialog";
import { Select } from "@/components/ui/field";
import type { WorkspaceRole } from "@/lib/permissions/roles";
import { graphql } from "@/graphql/client/graphql";

const CHANGE_ROLE = graphql(`
  mutation ChangeMemberRole($input: ChangeMemberRoleInput!) {
    changeMemberRole(input: $input) {
      member {
        id
        role
      }
    }
  }
`);
const REMOVE_MEMBER = graphql(`
  mutation RemoveMember($input: RemoveMemberInput!) {
    removeMember(input: $input) {
      member {
        id
      }
    }
  }
`);
const REVOKE_INVITE = graphql(`
  mutation RevokeInvite($input: RevokeInviteInput!) {
    revokeInvite(input: $input) {
      invite {
        id
        state
      }
    }
  }
`);

export function MemberActions({
  memberId,
  name,
  role,
  roles,
}: {
  memberId: string;
  name: string;
  role: WorkspaceRole;
  roles: readonly WorkspaceRole[];
}) {
  const t = useTranslations("members");
  const tr = useTranslations("roles");
  const tc = useTranslations("common");
  const router = useRouter();
  const selectId = useId();
  const [next, setNext] = useState<WorkspaceRole>(role);
  const [confirming, setConfirming] = useState(false);
  const change = useGraphQLMutation(CHANGE_ROLE);
  const remove = useGraphQLMutation(REMOVE_MEMBER);
  const error = change.formError ?? change.fieldErrors.role ?? remove.formError ?? remove.fieldErrors.memberId;

  return (
    <div className="flex flex-wrap items-center gap-2">
      <label htmlFor={selectId} className="sr-only">
        {t("roleFor", { name })}
      </label>
      <Select
        id={selectId}
        value={next}
        onChange={(e) => setNext(e.target.value as WorkspaceRole)}
        className="w-auto min-w-40"
      >
        {roles.map((r) => (
          <option key={r} value={r}>
            {tr(r)}
          </option>
        ))}
      </Select>
      <Button
        variant="secondary"
        size="sm"
        disabled={next === role}
        pending={change.pending}
        onClick={async () => {
          const outcome = await change.run({ input: { memberId, role: next } });
          if (outcome.errors.length === 0) router.refresh();
        }}
      >
        {t("changeRole")}
      </Button>
      <ConfirmButton
        label={t("remove")}
        title={t("removeTitle", { name })}
        description={t("removeBody")}
        confirmLabel={t("remove")}
        cancelLabel={tc("cancel")}
        pending={remove.pending}
        open={confirming}
        setOpen={setConfirming}
        onConfirm={async () => {
          const outcome = await remove.run({ input: { memberId } });
          setConfirming(false);
          if (outcome.errors.length === 0) router.refresh();
        }}
      />
      {error ? (
        <p role="alert" className="w-full text-sm text-bad-ink">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function RevokeInviteButton({ inviteId, email }: { inviteId: string; email: string }) {
  const t = useTranslations("members");
  return (
    <ConfirmMutationButton
      mutation={REVOKE_INVITE}
      input={{ inviteId }}
      label={t("revoke")}
      title={t("revokeTitle", { email })}
      description={t("revokeBody")}
    />
  );
}
