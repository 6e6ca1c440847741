"use client";

import { useState } from "react";
import { graphql } from "@/graphql/client/graphql";

const LOGOUT = graphql(`
  mutation Logout {
    logout {
      ok
    }
  }
`);
const LOGOUT_EVERYWHERE = graphql(`
  mutation LogoutEverywhere {
    logoutEverywhere {
      ok
    }
  }
`);

/** Ends this session (or every session) and goes to the login page with a full reload. */
export function LogoutAction({
  everywhere,
  className,
  label,
}: {
  everywhere: boolean;
  className: string;
  label: string;
}) {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      className={className}
      disabled={pending}
      aria-busy={pending || undefined}
      onClick={async () => {
        setPending(true);
        // The outcome does not matter: the login page is the next stop either way.
        await fetch("/api/graphql", {
          method: "POST",
          credentials: "same-origin",
          headers: {
            "content-type": "application/json",
            accept: "application/graphql-response+json, application/json",
          },
          body: JSON.stringify({ query: everywhere ? LOGOUT_EVERYWHERE : LOGOUT }),
        }).catch(() => undefined);
        window.location.assign("/login");
      }}
    >
      {label}
    </button>
  );
}
