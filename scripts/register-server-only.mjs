// `import "server-only"` marks server modules; outside Next's bundler (tsx scripts, benches,
// scripts/server.mjs) the package's default entry throws. Loaded first (`node --import`,
// `tsx --import`, or imported before anything else), this makes it an empty module, as it is
// inside Next's server bundles — for ES modules (a resolve hook) and for CommonJS, which tsx
// compiles the sources to (Module._resolveFilename). Vitest does the same with an alias
// (vitest.shared.mts).
import Module, { register } from "node:module";
import { fileURLToPath } from "node:url";

const emptyUrl = new URL("./server-only-empty.cjs", import.meta.url);
const emptyPath = fileURLToPath(emptyUrl);

register(
  `data:text/javascript,${encodeURIComponent(`
    export async function resolve(specifier, context, nextResolve) {
      if (specifier === "server-only") return { url: ${JSON.stringify(emptyUrl.href)}, shortCircuit: true };
      return nextResolve(specifier, context);
    }`)}`,
);

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === "server-only" ? emptyPath : resolveFilename.call(this, request, ...rest);
};
