import type { Command } from "commander";
import { loadConfig } from "../../config/index.js";
import { ExitCode } from "../../errors.js";
import { configOption } from "../configOption.js";
import { readStatus, type StatusReading } from "../../status/client.js";
import { formatStatus } from "../../status/formatStatus.js";
import { inertJson, inlineText } from "../../text/escapeControl.js";

/** `status [--config FILE] [--json] [--socket PATH]`: what the running agent is doing; exit 3 when none runs. */
export function registerStatus(program: Command): void {
  program
    .command("status")
    .description("show the running agent's state, VPN, MTU, last probe and counters (exit 3 when no agent is running, 77 when the socket may not be opened, 69 when what answers is not a usable status)")
    .addOption(configOption("giving status.socket"))
    .option("--socket <path>", "status socket (overrides the config)")
    .option("--json", "print the status as JSON")
    .action(async (opts: { config?: string; socket?: string; json?: boolean }) => {
      const socket = opts.socket ?? (await loadConfig(opts.config)).status.socket;
      const reading = await readStatus(socket);
      if (!reading.up) {
        process.stderr.write(`wsl-vpn-agent: ${notUp(reading, socket)}\n`);
        process.exitCode = reading.unusable === true ? ExitCode.unavailable : reading.reason.startsWith("permission denied") ? ExitCode.noPermission : ExitCode.notRunning;
        return;
      }
      process.stdout.write(opts.json === true ? `${inertJson(JSON.stringify(reading.status, null, 2))}\n` : formatStatus(reading.status));
      process.exitCode = ExitCode.ok;
    });
}

/** Why there is no status to show: a socket we may not open is not "no agent", nor is an answer that is not a status. */
function notUp(reading: Extract<StatusReading, { up: false }>, socket: string): string {
  if (reading.unusable === true) return `the agent on ${socket} gave no usable status: ${inlineText(reading.reason, 300)}`;
  return reading.reason.startsWith("permission denied") ? reading.reason : `no agent is running (${reading.reason})`;
}
