import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_ANONYMOUS_BODY_BYTES, MAX_BODY_BYTES, executeGraphQLHttp } from "@/graphql/http-handler";
import { handleImportUpload } from "@/app/api/imports/handle-upload";
import { type TestDatabase, openTestDatabase } from "./harness";
import { useTempImportStore } from "./import-fixtures";

/**
 * The abuse suite, HTTP part (issue 16): bodies are limited while they stream — a chunked body
 * with no Content-Length is cut off at the limit, never read whole (the probe sent 160 MB and
 * the server read all of it before authenticating) — and NUL in any GraphQL input is a
 * BAD_USER_INPUT, not an INTERNAL_SERVER_ERROR.
 */
let db: TestDatabase;
beforeAll(async () => {
  await useTempImportStore();
  db = await openTestDatabase();
}, 300_000);
afterAll(async () => db?.close());

/** A body of `total` bytes made on demand; `pulled()` tells how much the server read. */
function hugeBody(total: number, chunk = 64 * 1024) {
  let pulled = 0;
  const piece = new Uint8Array(chunk).fill(0x20);
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (pulled >= total) return controller.close();
        pulled += piece.byteLength;
        controller.enqueue(piece);
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, pulled: () => pulled };
}

function graphqlRequest(body: BodyInit, headers: Record<string, string> = {}): Request {
  return new Request("http://localhost/api/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
    duplex: "half",
  } as RequestInit);
}

describe("abuse: body limits hold while streaming", () => {
  it("a chunked 160 MB GraphQL body is refused with 413 after reading no more than the limit", async () => {
    const body = hugeBody(160 * 1024 * 1024);
    const res = await executeGraphQLHttp(
      graphqlRequest(body.stream, { authorization: "Bearer tl_x_y" }),
      async () => db,
    );
    expect(res.status).toBe(413);
    expect(res.headers.get("connection")).toBe("close");
    expect((await res.json()).errors[0]).toMatchObject({ extensions: { code: "PAYLOAD_TOO_LARGE" } });
    expect(body.pulled()).toBeLessThanOrEqual(MAX_BODY_BYTES + 128 * 1024);
  });

  it("an anonymous caller's limit is much smaller (cheap to refuse before authentication)", async () => {
    const body = hugeBody(8 * 1024 * 1024);
    const res = await executeGraphQLHttp(graphqlRequest(body.stream), async () => db);
    expect(res.status).toBe(413);
    expect(body.pulled()).toBeLessThanOrEqual(MAX_ANONYMOUS_BODY_BYTES + 128 * 1024);
  });

  it("a declared Content-Length over the limit is refused before a byte is read", async () => {
    const body = hugeBody(1024 * 1024);
    const res = await executeGraphQLHttp(
      graphqlRequest(body.stream, { "content-length": String(MAX_BODY_BYTES + 1), authorization: "Bearer tl_x_y" }),
      async () => db,
    );
    expect(res.status).toBe(413);
    expect(body.pulled()).toBe(0);
  });

  it("an import upload without a Content-Length is cut off at the limit", async () => {
    const body = hugeBody(64 * 1024 * 1024);
    const request = new Request("http://localhost/api/imports?workspaceId=00000000-0000-4000-8000-000000000001", {
      method: "POST",
      headers: { "content-type": "text/csv" },
      body: body.stream,
      duplex: "half",
    } as RequestInit);
    // Unauthenticated: refused before the body is touched at all.
    const res = await handleImportUpload(request, async () => db, { maxBytes: 1024 * 1024 });
    expect(res.status).toBe(401);
    expect(body.pulled()).toBe(0);
  });

  it("over a real socket: 413 and the connection is closed while the client is still sending", async () => {
    const server = http.createServer(async (req, res) => {
      const request = new Request(`http://localhost${req.url}`, {
        method: req.method,
        headers: req.headers as Record<string, string>,
        body: Readable.toWeb(req) as ReadableStream,
        duplex: "half",
      } as RequestInit);
      const response = await executeGraphQLHttp(request, async () => db);
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    try {
      let sent = 0;
      const outcome = await new Promise<{ status: number; closed: boolean }>((resolve, reject) => {
        const req = http.request({
          host: "127.0.0.1",
          port,
          path: "/api/graphql",
          method: "POST",
          headers: { "content-type": "application/json" },
        });
        let status = 0;
        req.on("response", (res) => {
          status = res.statusCode ?? 0;
          res.resume();
          res.on("end", () => undefined);
        });
        req.on("close", () => resolve({ status, closed: true }));
        req.on("error", (error) => (status ? resolve({ status, closed: true }) : reject(error)));
        const piece = Buffer.alloc(64 * 1024, 0x20);
        const write = () => {
          // Up to 100 MB, chunked; the server should stop us long before.
          while (sent < 100 * 1024 * 1024 && !req.destroyed) {
            sent += piece.length;
            if (!req.write(piece)) return void req.once("drain", write);
          }
          if (!req.destroyed) req.end();
        };
        write();
      });
      expect(outcome.status).toBe(413);
      expect(sent).toBeLessThan(50 * 1024 * 1024);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});

describe("abuse: NUL is bad input, never a 500", () => {
  // GraphQL over HTTP: a request error is 400 for a client that accepts
  // application/graphql-response+json, and 200 with the same errors for plain application/json.
  async function post(body: unknown) {
    const res = await executeGraphQLHttp(
      graphqlRequest(JSON.stringify(body), { accept: "application/graphql-response+json" }),
      async () => db,
    );
    const legacy = await executeGraphQLHttp(
      graphqlRequest(JSON.stringify(body), { accept: "application/json" }),
      async () => db,
    );
    expect(legacy.status).toBe(200);
    expect((await legacy.json()).errors[0].extensions.code).toBe("BAD_USER_INPUT");
    return { status: res.status, body: await res.json() };
  }

  it("in a string literal of the document", async () => {
    const { status, body } = await post({
      query: `{ workspace(id: "a\\u0000b") { metricValues(channel: "a\\u0000b", keys: ["spend"], from: "2026-01-01", to: "2026-01-31") { key } } }`,
    });
    expect(status).toBe(400);
    expect(body.errors[0].extensions.code).toBe("BAD_USER_INPUT");
    expect(body.errors[0].message).toMatch(/^id: /);
  });

  it("in a variable, however deep", async () => {
    const { status, body } = await post({
      query: `mutation($input: SignUpInput!) { signUp(input: $input) { __typename } }`,
      variables: {
        input: { email: "x@example.com", password: "long enough pass\u0000word", name: "X", workspaceName: "W" },
      },
    });
    expect(status).toBe(400);
    expect(body.errors[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT" } });
    expect(body.errors[0].message).toMatch(/^variables\.input\.password: /);
  });
});
