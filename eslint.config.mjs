import prettier from "eslint-config-prettier";
import tseslint from "typescript-eslint";

// Layers (ARCHITECTURE.md "Layers"): app → graphql → lib → prisma. Each block below names what a
// layer may not import; test/unit/layer-boundaries.test.ts plants a violation of each and expects
// `npm run lint` to fail on it.
const layer = (name) => ({
  regex: `^(@/|(\\.\\./)+)${name}(/|$)`,
  message: `${name}/ is a layer above this one (ARCHITECTURE.md "Layers": app → graphql → lib → prisma).`,
});
const prismaClient = (allowTypeImports) => ({
  regex: "^(@/generated/|@prisma/client)",
  allowTypeImports,
  message: allowTypeImports
    ? "Only lib/ talks to the database; graphql/ may name Prisma row types (import type) but not use the client."
    : "Only lib/ talks to the database: read through GraphQL (graphql/execute-server.ts) or a lib/ operation.",
});
const restrict = (files, patterns) => ({
  files,
  rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns }] },
});

export default tseslint.config(
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      "generated/**",
      "test-results/**",
      "playwright-report/**",
      ".data/**",
      "next-env.d.ts",
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-syntax": [
        "error",
        { selector: "CallExpression[callee.name='eval']", message: "eval is forbidden" },
        { selector: "NewExpression[callee.name='Function']", message: "new Function is forbidden" },
      ],
    },
  },
  restrict(["lib/**"], [layer("graphql"), layer("app"), layer("components")]),
  restrict(["graphql/**"], [layer("app"), layer("components"), prismaClient(true)]),
  restrict(["components/**"], [layer("app"), prismaClient(false)]),
  restrict(["app/**"], [prismaClient(false)]),
  // Formatting is prettier's (.prettierrc.json): no stylistic lint rule may disagree with it.
  prettier,
);
