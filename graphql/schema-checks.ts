import "server-only";
import {
  type GraphQLSchema,
  type BreakingChange,
  buildASTSchema,
  findBreakingChanges,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isSpecifiedScalarType,
  isUnionType,
  parse,
} from "graphql";

/**
 * Two CI checks over the built schema (test/unit/schema-checks.test.ts, part of `npm test`):
 *
 * - missingDescriptions: every public type, field, argument, input field and enum value has a
 *   description (what @graphql-eslint's require-description checks, here on the schema the
 *   code builds rather than on SDL text, so nothing escapes through generated types).
 * - contractBreakingChanges: graphql-js's findBreakingChanges between the published contract
 *   (the SDL blocks of docs/SPEC.md §9.1 and §9.2) and the live schema. Adding fields,
 *   arguments with defaults or enum values is fine; removing or retyping anything the
 *   contract names fails. §9.2 names other branches are still building are reported as
 *   pending while absent and checked strictly as soon as they exist.
 */

/** `Type`, `Type.field`, `Type.field(arg)` or `Enum.VALUE` for everything without a description. */
export function missingDescriptions(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  const described = (d: string | null | undefined) => typeof d === "string" && d.trim().length > 0;
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
    // The root types are containers; their fields carry the documentation.
    if (!described(type.description) && type !== schema.getQueryType() && type !== schema.getMutationType())
      missing.push(type.name);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (!described(field.description)) missing.push(`${type.name}.${field.name}`);
        for (const arg of "args" in field ? field.args : []) {
          if (!described(arg.description)) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
    }
    if (isEnumType(type)) {
      for (const value of type.getValues())
        if (!described(value.description)) missing.push(`${type.name}.${value.name}`);
    }
  }
  return missing;
}

export interface ContractReport {
  /** Breaking changes of the live schema against the contract: CI fails on any. */
  breaking: string[];
  /** Contract names (§9.2 only) not built yet; checked strictly once they exist. */
  pending: string[];
}

/** The ```graphql blocks of SPEC §9.1 and §9.2, in order. */
export function contractBlocks(specMarkdown: string): { section: "9.1" | "9.2"; sdl: string }[] {
  const blocks: { section: "9.1" | "9.2"; sdl: string }[] = [];
  for (const section of ["9.1", "9.2"] as const) {
    const start = specMarkdown.indexOf(`### ${section} `);
    if (start < 0) throw new Error(`SPEC has no section ${section}`);
    const rest = specMarkdown.slice(start + 4);
    const end = rest.search(/\n#{2,3} /);
    const body = end < 0 ? rest : rest.slice(0, end);
    for (const match of body.matchAll(/```graphql\n([\s\S]*?)```/g)) blocks.push({ section, sdl: match[1] });
  }
  if (blocks.length === 0) throw new Error("SPEC §9.1/§9.2 have no graphql blocks");
  return blocks;
}

export function contractBreakingChanges(live: GraphQLSchema, specMarkdown: string): ContractReport {
  const blocks = contractBlocks(specMarkdown);
  // Query and Mutation appear in both sections: the second occurrence extends the first.
  const seenRoots = new Set<string>();
  const defined = new Set<string>();
  const pendingCandidates = new Set<string>();
  const parts: string[] = [];
  for (const { section, sdl } of blocks) {
    const doc = parse(sdl);
    for (const def of doc.definitions) {
      if (!("name" in def) || !def.name) continue;
      const name = def.name.value;
      if (name === "Query" || name === "Mutation") {
        if (section === "9.2" && "fields" in def)
          for (const f of def.fields ?? []) pendingCandidates.add(`${name}.${f.name.value}`);
      } else {
        defined.add(name);
        if (section === "9.2") pendingCandidates.add(name);
      }
    }
    parts.push(
      sdl.replace(/^type (Query|Mutation)\b/gm, (whole, root: string) => {
        if (seenRoots.has(root)) return `extend type ${root}`;
        seenRoots.add(root);
        return whole;
      }),
    );
  }
  let contractSdl = parts.join("\n");
  // Types the contract refers to without defining them (Node, User, Scorecard, PeriodInput,
  // WorkspaceRole, ApiKey…): stand-ins, so the contract builds; changes inside them are not
  // the contract's business, their existence and kind are checked below.
  const referenced = new Set<string>();
  for (const m of contractSdl.matchAll(/(?::|implements|\[)\s*([A-Z][A-Za-z0-9]*)/g)) referenced.add(m[1]);
  const builtIns = new Set(["String", "Int", "Float", "Boolean", "ID"]);
  const stubs = [...referenced].filter((n) => !defined.has(n) && !builtIns.has(n) && n !== "Query" && n !== "Mutation");
  for (const name of stubs) {
    const liveType = live.getType(name);
    if (name === "Node") contractSdl += `\ninterface Node { id: ID! }`;
    else if (isInputObjectType(liveType) || /Input$/.test(name)) contractSdl += `\ninput ${name} { _stub: Boolean }`;
    else if (isEnumType(liveType)) contractSdl += `\nenum ${name} { ${liveType.getValues()[0].name} }`;
    else if (isInterfaceType(liveType)) contractSdl += `\ninterface ${name} { _stub: Boolean }`;
    else if (isUnionType(liveType)) contractSdl += `\nunion ${name} = ${liveType.getTypes()[0].name}`;
    else contractSdl += `\ntype ${name} { _stub: Boolean }`;
  }
  const contract = buildASTSchema(parse(contractSdl), { assumeValidSDL: true });

  const stubSet = new Set(stubs.filter((n) => n !== "Node"));
  const breaking: string[] = [];
  const pending: string[] = [];
  for (const change of findBreakingChanges(contract, live)) {
    const subject = subjectOf(change);
    if (subject && stubSet.has(subject.type) && change.type !== "TYPE_REMOVED" && change.type !== "TYPE_CHANGED_KIND")
      continue;
    if (subject && isPending(subject, live, pendingCandidates)) {
      pending.push(subject.field ? `${subject.type}.${subject.field}` : subject.type);
      continue;
    }
    breaking.push(`${change.type}: ${change.description}`);
  }
  return { breaking, pending: [...new Set(pending)].sort() };
}

/** The type (and field) a change is about, read from graphql-js's description. */
function subjectOf(change: BreakingChange): { type: string; field?: string } | null {
  const match = /^(?:A (?:required|non-null) \w+ \w+ on input type )?([A-Z][A-Za-z0-9]*)(?:\.([A-Za-z0-9_]+))?/.exec(
    change.description,
  );
  if (!match) return null;
  const onInput = /on input type ([A-Z][A-Za-z0-9]*)/.exec(change.description);
  if (onInput) return { type: onInput[1] };
  return { type: match[1], field: match[2] };
}

/** A §9.2 name that does not exist in the live schema yet (another branch is building it). */
function isPending(subject: { type: string; field?: string }, live: GraphQLSchema, candidates: Set<string>): boolean {
  if (subject.field && (subject.type === "Query" || subject.type === "Mutation")) {
    const root = subject.type === "Query" ? live.getQueryType() : live.getMutationType();
    return candidates.has(`${subject.type}.${subject.field}`) && !root?.getFields()[subject.field];
  }
  return candidates.has(subject.type) && !live.getType(subject.type);
}
