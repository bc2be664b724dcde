import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** Path of the bundled CLI: this file itself once bundled, else `dist/cli.js` of the repository. */
export function cliPath(): string {
  const self = fileURLToPath(import.meta.url);
  if (self.endsWith("/dist/cli.js")) return self;
  const built = fileURLToPath(new URL("../../dist/cli.js", import.meta.url));
  if (!existsSync(built)) throw new Error(`${built} is missing: run \`npm run build\` first`);
  return built;
}
