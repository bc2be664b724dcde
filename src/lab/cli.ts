import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { inSea } from "../assets/sea.js";

/** Path of the bundled CLI: this file itself once bundled, else `dist/cli.js` of the repository. */
export function cliPath(): string {
  const self = fileURLToPath(import.meta.url);
  if (self.endsWith("/dist/cli.js")) return self;
  const built = fileURLToPath(new URL("../../dist/cli.js", import.meta.url));
  if (!existsSync(built)) throw new Error(`${built} is missing: run \`npm run build\` first`);
  return built;
}

/**
 * The command line that starts this program again (for the lab's servers, watchers and agents):
 * the executable alone when it is one (its `process.execPath` is the program, not a Node), else
 * this Node with the bundle.
 */
export function selfCommand(): readonly string[] {
  return inSea() ? [process.execPath] : [process.execPath, cliPath()];
}
