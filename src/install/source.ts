import { access, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { EnvironmentError } from "../errors.js";

/** What install lays down as the program: one executable file, or (run by node) the bundle and that node. */
export type ProgramSource =
  | { readonly kind: "executable"; readonly path: string }
  | {
      readonly kind: "bundle";
      readonly dir: string;
      /** Files directly in `dir` to copy (cli.js and its source map when present). */
      readonly files: readonly string[];
      readonly assets: string;
      /** The node the unit runs the bundle with. */
      readonly node: string;
    };

const exists = (p: string): Promise<boolean> => access(p).then(() => true, () => false);

/** Where the unit template may be: the package's systemd/ beside dist/, or an installed bundle's own copy. */
const templateCandidates = (dir: string): string[] => [join(dir, "systemd", "wsl-vpn-agent.service"), join(dir, "..", "systemd", "wsl-vpn-agent.service")];

/** The bundle running this code (dist/cli.js, or /usr/lib/wsl-vpn-agent/cli.js of an installed copy), run by `node`. */
export async function runningBundle(node: string, moduleUrl: string = import.meta.url): Promise<ProgramSource> {
  const dir = dirname(fileURLToPath(moduleUrl));
  if (!(await exists(join(dir, "cli.js")))) {
    throw new EnvironmentError(`install must run from the bundled CLI (no cli.js in ${dir}): run npm run build, then node dist/cli.js install`);
  }
  const files = ["cli.js"];
  if (await exists(join(dir, "cli.js.map"))) files.push("cli.js.map");
  return { kind: "bundle", dir, files, assets: join(dir, "assets"), node };
}

/** The unit template beside the running bundle (the executable carries its own: readUnitTemplate's caller passes it). */
export async function bundledUnitTemplate(moduleUrl: string = import.meta.url): Promise<string> {
  const candidates = templateCandidates(dirname(fileURLToPath(moduleUrl)));
  for (const c of candidates) if (await exists(c)) return readFile(c, "utf8");
  throw new EnvironmentError(`cannot find the unit file: looked at ${candidates.join(", ")}`);
}
