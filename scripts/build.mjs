// Bundles the CLI into one file so `node dist/cli.js` needs no node_modules at run time, and the
// same code as CommonJS for the single executable (scripts/package/sea.mjs): a SEA's code cache
// only works with a CommonJS main.
import { build } from "esbuild";
import { chmod, cp, mkdir, readFile } from "node:fs/promises";

const { version } = JSON.parse(await readFile("package.json", "utf8"));

const common = {
  entryPoints: ["src/cli.ts"],
  bundle: true,
  platform: "node",
  // Syntax Node 18 still parses, so an old Node reaches the version check (src/checkNode.ts).
  target: "node18",
  define: { __AGENT_VERSION__: JSON.stringify(version) },
  logLevel: "warning",
};

await build({
  ...common,
  outfile: "dist/cli.js",
  format: "esm",
  sourcemap: true,
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  },
});
// import.meta is empty here: the code reaches it only outside the executable (src/assets/sea.ts).
await build({ ...common, outfile: "dist/sea/cli.cjs", format: "cjs", logOverride: { "empty-import-meta": "silent" } });
await mkdir("dist/assets", { recursive: true });
await cp("assets", "dist/assets", { recursive: true });
await chmod("dist/cli.js", 0o755);
