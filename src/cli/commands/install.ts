import { resolve } from "node:path";
import type { Command } from "commander";
import { EnvironmentError, ExitCode } from "../../errors.js";
import { install } from "../../install/index.js";

/** Turns "permission denied" while writing system paths into a clear exit 77. */
export async function asRoot<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EACCES" || code === "EPERM" || code === "EROFS") {
      const path = (error as NodeJS.ErrnoException).path ?? "";
      throw new EnvironmentError(`${what}: cannot write ${path} (${code}): run it as root (sudo)`, ExitCode.noPermission, { cause: error });
    }
    throw error;
  }
}

/** `install [--root DIR] [--no-start] [--node PATH]`. */
export function registerInstall(program: Command): void {
  program
    .command("install")
    .description("install the agent, its systemd unit, a default config (never overwriting one) and the WSLInterop binfmt guard; enable and start the service")
    .option("--root <dir>", "install into this root directory instead of / (no systemctl)", "/")
    .option("--no-start", "enable the service but do not start it")
    .option("--node <path>", "node binary the service runs (default: the one running this command)")
    .action(async (opts: { root: string; start: boolean; node?: string }) => {
      await asRoot("install", () =>
        install({
          root: resolve(opts.root),
          start: opts.start,
          nodePath: opts.node ?? process.execPath,
          version: program.version() ?? "dev",
          say: (line) => process.stdout.write(`${line}\n`),
        }),
      );
      process.exitCode = ExitCode.ok;
    });
}
