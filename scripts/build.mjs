// Bundles the CLI into one file so `node dist/cli.js` needs no node_modules at run time.
import { build } from "esbuild";
import { chmod, cp, mkdir, readFile } from "node:fs/promises";

const { version } = JSON.parse(await readFile("package.json", "utf8"));

await build({
  entryPoints: ["src/cli.ts"],
  outfile: "dist/cli.js",
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  sourcemap: true,
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  },
  define: { __AGENT_VERSION__: JSON.stringify(version) },
  logLevel: "warning",
});
await mkdir("dist/assets", { recursive: true });
await cp("assets", "dist/assets", { recursive: true });
await chmod("dist/cli.js", 0o755);
