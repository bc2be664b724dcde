import type { Command } from "commander";
import { runSimulatedWindows } from "../../lab/simWindows.js";
import { intFlag } from "../intFlag.js";

/**
 * `lab windows --file F`: a simulated Windows watcher for the lab and the tests. Point
 * `windows.watchCommand` at it and rewrite F to connect or disconnect a VPN.
 */
export function registerLabWindows(program: Command): void {
  const lab = program.commands.find((c) => c.name() === "lab");
  if (lab === undefined) throw new Error("registerLabWindows needs the lab command registered first");
  lab
    .command("windows")
    .description("simulated Windows watcher: prints the snapshot lines in --file at start and whenever the file changes; exits when stdin closes")
    .requiredOption("--file <path>", "file holding the current snapshot line(s)")
    .option("--heartbeat-ms <n>", "repeat the snapshot this often", "30000")
    .action(async (opts: { file: string; heartbeatMs: string }) => {
      await runSimulatedWindows({ file: opts.file, heartbeatMs: intFlag("--heartbeat-ms", opts.heartbeatMs, 100, 86_400_000) });
    });
}
