import { access } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { EnvironmentError } from "../errors.js";

/** Where install copies from: the directory of the running bundle and the unit template. */
export interface BundleSources {
  readonly dir: string;
  /** Files directly in `dir` to copy (cli.js and its source map when present). */
  readonly files: readonly string[];
  readonly assets: string;
  readonly unitTemplate: string;
}

const exists = (p: string): Promise<boolean> => access(p).then(() => true, () => false);

/**
 * Locates the bundled agent next to the running code (dist/cli.js when run from the package or
 * the repo, /usr/lib/wsl-vpn-agent/cli.js when run from an installed copy).
 */
export async function locateBundle(moduleUrl: string = import.meta.url): Promise<BundleSources> {
  const dir = dirname(fileURLToPath(moduleUrl));
  if (!(await exists(join(dir, "cli.js")))) {
    throw new EnvironmentError(`install must run from the bundled CLI (no cli.js in ${dir}): run npm run build, then node dist/cli.js install`);
  }
  // The package ships systemd/ next to dist/; an installed copy keeps it inside its own directory.
  const candidates = [join(dir, "systemd", "wsl-vpn-agent.service"), join(dir, "..", "systemd", "wsl-vpn-agent.service")];
  let unitTemplate: string | undefined;
  for (const c of candidates) if (unitTemplate === undefined && (await exists(c))) unitTemplate = c;
  if (unitTemplate === undefined) throw new EnvironmentError(`cannot find the unit file: looked at ${candidates.join(", ")}`);
  const files = ["cli.js"];
  if (await exists(join(dir, "cli.js.map"))) files.push("cli.js.map");
  return { dir, files, assets: join(dir, "assets"), unitTemplate };
}
