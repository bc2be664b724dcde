import type { Command } from "commander";
import { explainPathError, fsErrorCode } from "../../config/pathError.js";
import { EnvironmentError, ExitCode } from "../../errors.js";
import { install } from "../../install/index.js";
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

export function registerInstall(program: Command): void {
  program
    .command("install")
    .description("install the agent, its systemd unit, a default config (never overwriting one) and the WSLInterop binfmt guard; enable and start the service")
    .option("--root <dir>", "install into this root directory instead of / (no systemctl)", "/")
    .option("--no-start", "enable the service but do not start it")
    .option("--node <path>", "node binary the service runs, an absolute path (default: the one running this command)")
    .action(async (opts: { root: string; start: boolean; node?: string }) => {
      const root = await rootFlag(opts.root);
      // It goes into ExecStart= as is: systemd needs an absolute path to an executable.
      const nodePath = opts.node === undefined ? process.execPath : await executableFlag(opts.node, "--node");
      await asRoot("install", () =>
        install({
          root,
          start: opts.start,
          nodePath,
          version: program.version() ?? "dev",
          say: (line) => process.stdout.write(`${line}\n`),
        }),
      );
      process.exitCode = ExitCode.ok;
    });
}
