import { resolve } from "node:path";
import type { Command } from "commander";
import { ASSETS, readAsset } from "../../assets/readAsset.js";
import { inSea } from "../../assets/sea.js";
import { explainPathError, fsErrorCode } from "../../config/pathError.js";
import { EnvironmentError, ExitCode, UsageError } from "../../errors.js";
import { bundledUnitTemplate, install, runningBundle, type ProgramSource } from "../../install/index.js";
import { executableFlag, rootFlag } from "../pathFlags.js";

/**
 * Turns filesystem errors while writing system paths into one clear line: "permission denied" is
 * exit 77; a file where a directory belongs (or the reverse) is exit 69, naming what is in the way.
 */
export async function asRoot<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const code = fsErrorCode(error);
    if (code === null) throw error;
    const path = (error as NodeJS.ErrnoException).path ?? "";
    const { reason, kind } = await explainPathError(code, path);
    if (kind === "permission") throw new EnvironmentError(`${what}: cannot write ${path} (${code}): run it as root (sudo)`, ExitCode.noPermission, { cause: error });
    // A path in the way is not the user's config here (the root may be /): the system is not as install needs it.
    if (kind === "config") throw new EnvironmentError(`${what}: cannot write ${path}: ${reason}`, ExitCode.unavailable, { cause: error });
    throw error;
  }
}

/** What install lays down: `--binary`, else this executable, else the bundle run by node (`--node` or this node). */
async function programOf(opts: { node?: string; binary?: string }): Promise<{ program: ProgramSource; unitTemplate: string }> {
  // Inside the single executable, process.execPath is the program itself.
  // --binary is copied, not named in ExecStart=: a relative path is fine.
  const executable = opts.binary === undefined ? (inSea() ? process.execPath : null) : await executableFlag(resolve(opts.binary), "--binary");
  const unitTemplate = inSea() ? await readAsset(ASSETS.unitTemplate) : await bundledUnitTemplate();
  if (executable !== null) {
    if (opts.node !== undefined) throw new UsageError("--node: the executable needs no node (--node is for node dist/cli.js install)");
    return { program: { kind: "executable", path: executable }, unitTemplate };
  }
  // It goes into ExecStart= as is: systemd needs an absolute path to an executable.
  const node = opts.node === undefined ? process.execPath : await executableFlag(opts.node, "--node");
  return { program: await runningBundle(node), unitTemplate };
}

export function registerInstall(program: Command): void {
  program
    .command("install")
    .description("install the agent (/usr/bin/wsl-vpn-agent), its systemd unit, a default config (never overwriting one) and the WSLInterop binfmt guard; enable and start the service")
    .option("--root <dir>", "install into this root directory instead of / (no systemctl)", "/")
    .option("--no-start", "enable the service but do not start it")
    .option("--binary <path>", "the wsl-vpn-agent executable to install (default: this program, when it is the executable)")
    .option("--node <path>", "run by node (node dist/cli.js install): the node the service runs the bundle with, an absolute path (default: the one running this command)")
    .action(async (opts: { root: string; start: boolean; node?: string; binary?: string }) => {
      const root = await rootFlag(opts.root);
      const { program: source, unitTemplate } = await programOf(opts);
      await asRoot("install", () =>
        install({
          root,
          start: opts.start,
          program: source,
          unitTemplate,
          version: program.version() ?? "dev",
          say: (line) => process.stdout.write(`${line}\n`),
        }),
      );
      process.exitCode = ExitCode.ok;
    });
}
