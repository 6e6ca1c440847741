import { describe, expect, it } from "vitest";
import { requestOrigin } from "./request-origin";

describe("requestOrigin (invite links without APP_URL)", () => {
  const at = (host: string | null, proto: string | null = null) => {
    const request = new Request("http://localhost:3000/api/graphql", { method: "POST", headers: host ? { host } : {} });
    const url = new URL(request.url);
    return requestOrigin(request.headers.get("host"), () => url.origin, url.protocol, proto);
  };

  it("is the address the app was opened at, not the server's bind address", () => {
    expect(at("throughline.example:8443")).toBe("http://throughline.example:8443");
    expect(at("throughline.example", "https")).toBe("https://throughline.example");
    expect(at("192.168.1.20:3000")).toBe("http://192.168.1.20:3000");
  });

  it("falls back to the request URL when the Host header is missing or malformed", () => {
    expect(at(null)).toBe("http://localhost:3000");
    expect(at("evil.example/path?x")).toBe("http://localhost:3000");
  });
});
