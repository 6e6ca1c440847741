import { handleGraphQLRequest } from "@/graphql/http-handler";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = handleGraphQLRequest;
export const POST = handleGraphQLRequest;
