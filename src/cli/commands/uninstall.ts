import type { Command } from "commander";
import { ExitCode } from "../../errors.js";
import { uninstall } from "../../install/index.js";
import { rootFlag } from "../pathFlags.js";
import { asRoot } from "./install.js";

/** `uninstall [--root DIR] [--purge]`. */
export function registerUninstall(program: Command): void {
  program
    .command("uninstall")
    .description("stop and disable the service and remove what install laid down; keeps the config and the journal unless --purge")
    .option("--root <dir>", "uninstall from this root directory instead of / (no systemctl)", "/")
    .option("--purge", "also remove /etc/wsl-vpn-agent and /var/lib/wsl-vpn-agent (config, journal, state)")
    .action(async (opts: { root: string; purge?: boolean }) => {
      const root = await rootFlag(opts.root);
      await asRoot("uninstall", () => uninstall({ root, purge: opts.purge === true, say: (line) => process.stdout.write(`${line}\n`) }));
      process.exitCode = ExitCode.ok;
    });
}
