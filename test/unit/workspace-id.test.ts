import { encodeGlobalID } from "@pothos/plugin-relay";
import { describe, expect, it } from "vitest";
import { parseWorkspaceId } from "@/graphql/ids";
import { workspaceIdOf } from "@/lib/workspaces/workspace-id";

const ID = "0F8E2C1A-3B4D-4E5F-8A9B-0C1D2E3F4A5B";

describe("workspace ids from clients", () => {
  it("accepts the bare UUID and a Workspace global id, lower-cased", () => {
    expect(workspaceIdOf(ID)).toBe(ID.toLowerCase());
    expect(workspaceIdOf(encodeGlobalID("Workspace", ID))).toBe(ID.toLowerCase());
  });

  it("refuses another type's global id, a global id of a non-UUID and garbage", () => {
    expect(workspaceIdOf(encodeGlobalID("Import", ID))).toBeNull();
    expect(workspaceIdOf(encodeGlobalID("Workspace", "not-a-uuid"))).toBeNull();
    expect(workspaceIdOf("")).toBeNull();
    expect(workspaceIdOf("%%%")).toBeNull();
  });

  it("GraphQL turns a refused id into BAD_USER_INPUT on the field", () => {
    expect(parseWorkspaceId(encodeGlobalID("Workspace", ID))).toBe(ID.toLowerCase());
    expect(() => parseWorkspaceId("nope", ["input", "workspaceId"])).toThrow(
      expect.objectContaining({ code: "BAD_USER_INPUT" }),
    );
  });
});
