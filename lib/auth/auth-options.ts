import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDatabase } from "@/lib/db/client";
import { authSecret, env } from "@/lib/env";
import { isAppError } from "@/lib/errors/app-error";
import { clientAddress } from "@/lib/http/client-address";
import { SESSION_COOKIE, sessionMaxAgeSeconds } from "./session-cookie";
import { createSession } from "@/lib/sessions/create-session";
import { verifyLogin } from "./verify-login";

/**
 * What a failed credentials sign-in reports to the login page (next-auth puts it in
 * `?error=`): "CredentialsSignin" for a wrong e-mail or password (next-auth's own code), or
 * "RATE_LIMITED:<seconds>" when login is throttled.
 */
export const RATE_LIMITED_SIGNIN_ERROR = "RATE_LIMITED";

declare module "next-auth" {
  interface User {
    sv?: number;
    sid?: string;
  }
}

/**
 * next-auth v4: Credentials provider + JWT sessions in the cookie `tl.session`. The JWT is
 * next-auth's default (encrypted, salt ""), so lib/auth/session-cookie.ts can issue
 * (signUp, login mutation) and read the very same cookie. `sv` = users.session_version,
 * `sid` = the server-side session row created at sign-in (lib/sessions).
 * Built per request: reading the secret at import time would run during `next build`.
 */
export function getAuthOptions(): NextAuthOptions {
  const secure = env().APP_URL?.startsWith("https://") ?? false;
  return {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: sessionMaxAgeSeconds() },
    jwt: { maxAge: sessionMaxAgeSeconds() },
    cookies: {
      sessionToken: {
        name: SESSION_COOKIE,
        options: { httpOnly: true, sameSite: "lax", path: "/", secure },
      },
    },
    pages: { signIn: "/login" },
    providers: [
      CredentialsProvider({
        name: "E-mail",
        credentials: {
          email: { label: "E-mail", type: "email" },
          password: { label: "Password", type: "password" },
        },
        async authorize(credentials, req) {
          try {
            const db = await getDatabase();
            const headers = req?.headers as Record<string, string | undefined> | undefined;
            const ip = clientAddress(headers);
            const user = await verifyLogin(db, {
              email: credentials?.email ?? "",
              password: credentials?.password ?? "",
              ip,
            });
            const session = await createSession(db, { userId: user.id, userAgent: headers?.["user-agent"], ip });
            return { id: user.id, email: user.email, name: user.name, sv: user.sessionVersion, sid: session.id };
          } catch (error) {
            if (isAppError(error) && error.code === "RATE_LIMITED") {
              throw new Error(`${RATE_LIMITED_SIGNIN_ERROR}:${error.retryAfter ?? 60}`);
            }
            if (isAppError(error) && error.code === "UNAUTHENTICATED") return null;
            throw error;
          }
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        // Only on sign-in is `user` present; later refreshes keep the claims as they are.
        if (user) {
          token.sub = user.id;
          token.sv = user.sv;
          token.sid = user.sid;
          token.email = user.email;
          token.name = user.name;
        }
        return token;
      },
      async session({ session, token }) {
        if (session.user) {
          session.user.email = token.email ?? null;
          session.user.name = token.name ?? null;
        }
        return session;
      },
    },
  };
}
