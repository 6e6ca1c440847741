import NextAuth from "next-auth";
import { getAuthOptions } from "@/lib/auth/auth-options";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type RouteContext = { params: Promise<{ nextauth: string[] }> };

/** next-auth v4 in the App Router: (req, context, options) runs its route handler. */
function handler(request: Request, context: RouteContext): Promise<Response> {
  return NextAuth(request as never, context as never, getAuthOptions()) as Promise<Response>;
}

export { handler as GET, handler as POST };
