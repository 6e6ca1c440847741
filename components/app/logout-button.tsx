"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { fetchGraphQL } from "@/lib/graphql-client/fetch-graphql";
import { menuItemClass } from "../ui/menu";

const LOGOUT = /* GraphQL */ `mutation Logout { logout { ok } }`;
const LOGOUT_EVERYWHERE = /* GraphQL */ `mutation LogoutEverywhere { logoutEverywhere { ok } }`;

/** Ends this session (or every session) and goes to the login page with a full reload. */
export function LogoutButton({ everywhere = false, className = menuItemClass }: { everywhere?: boolean; className?: string }) {
  const t = useTranslations("nav");
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      className={className}
      disabled={pending}
      aria-busy={pending || undefined}
      onClick={async () => {
        setPending(true);
        await fetchGraphQL(everywhere ? LOGOUT_EVERYWHERE : LOGOUT);
        window.location.assign("/login");
      }}
    >
      {everywhere ? t("logoutEverywhere") : t("logout")}
    </button>
  );
}
