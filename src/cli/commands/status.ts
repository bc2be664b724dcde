import type { Command } from "commander";
import { loadConfig } from "../../config/index.js";
import { describeEvidence } from "../../journal/describeEvent.js";
import { ExitCode } from "../../errors.js";
import { configOption } from "../configOption.js";
import type { AgentStatus } from "../../status/contract.js";
import { readStatus } from "../../status/client.js";

/** `status [--config FILE] [--json] [--socket PATH]`: what the running agent is doing; exit 3 when none runs. */
export function registerStatus(program: Command): void {
  program
    .command("status")
    .description("show the running agent's state, VPN, MTU, last probe and counters (exit 3 when no agent is running, 77 when the socket may not be opened)")
    .addOption(configOption("giving status.socket"))
    .option("--socket <path>", "status socket (overrides the config)")
    .option("--json", "print the status as JSON")
    .action(async (opts: { config?: string; socket?: string; json?: boolean }) => {
      const socket = opts.socket ?? (await loadConfig(opts.config)).status.socket;
      const reading = await readStatus(socket);
      if (!reading.up) {
        // A socket we may not open is not "no agent": say so, with its own exit code.
        const denied = reading.reason.startsWith("permission denied");
        process.stderr.write(`wsl-vpn-agent: ${denied ? reading.reason : `no agent is running (${reading.reason})`}\n`);
        process.exitCode = denied ? ExitCode.noPermission : ExitCode.notRunning;
        return;
      }
      const status = reading.status;
      process.stdout.write(opts.json === true ? `${JSON.stringify(status, null, 2)}\n` : formatStatus(status));
      process.exitCode = ExitCode.ok;
    });
}

function formatStatus(s: AgentStatus): string {
  const vpn = s.vpn === null ? "none" : `${s.vpn.name} (${s.vpn.description}), Windows MTU ${s.vpn.mtuHint ?? "unknown"}`;
  const probe = s.lastProbe;
  const probeLine = probe === null ? "none yet" : `${probe.ok ? `found ${probe.mtu}` : `failed: ${probe.reason}`} at ${probe.at} (${describeEvidence(probe.evidence)})`;
  const rows: [string, string][] = [
    ["state", `${s.state}${s.dryRun ? " (dry-run)" : ""}`],
    ["vpn", vpn],
    ["mtu", `${s.interface} ${s.mtu} (baseline ${s.baseline}${s.appliedMtu === null ? "" : `, verified ${s.appliedMtu}`})`],
    ["last probe", probeLine],
    ["last error", s.lastError ?? "none"],
    ["watcher", `${s.watcher.running ? "running" : "not running"}${s.watcher.lastError === null ? "" : `, last error: ${s.watcher.lastError}`}`],
    ["counters", `${s.counters.rollbacks} rollbacks, ${s.counters.watcherRestarts} watcher restarts, ${s.counters.badWatcherLines} bad watcher lines, ${s.counters.events} events`],
    ["uptime", `${s.uptimeS} s (pid ${s.pid})`],
    ["journal", s.journal],
  ];
  return `${rows.map(([k, v]) => `${k.padEnd(11)} ${v}`).join("\n")}\n`;
}
