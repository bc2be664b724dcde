import { Option, type Command } from "commander";
import { delimiter } from "node:path";
import { loadConfig } from "../../config/index.js";
import { allGood, formatJson, formatText, runDoctor, type DoctorEnv } from "../../doctor/index.js";
import { ExitCode, UsageError } from "../../errors.js";
import { DEFAULT_POWERSHELL } from "../../sources/watcherCommand.js";

interface DoctorOptions {
  json?: boolean;
  root: string;
  powershell: string;
  watchCommand?: string;
  config?: string;
  timeout: string;
}

/** `doctor [--json]`: checks what the agent needs and says how to fix each failure; exit 0 all good, 1 otherwise. */
export function registerDoctor(program: Command): void {
  program
    .command("doctor")
    .description("check WSL, Windows interop, PowerShell, tools, capabilities and systemd; exit 0 when all is good, 1 otherwise")
    .option("--json", "one JSON object: {ok, checks: [{id, title, status, detail, fix}]}")
    .option("--powershell <path>", "absolute path of powershell.exe", DEFAULT_POWERSHELL)
    .option("--watch-command <json>", 'windows.watchCommand as a JSON argv array, e.g. \'["/usr/local/bin/my-watcher"]\'')
    .option("--config <file>", "take windows.watchCommand from this config file (default: /etc/wsl-vpn-agent/config.json when it exists)")
    .option("--timeout <ms>", "how long the watcher may take to print its first snapshot", "8000")
    .addOption(new Option("--root <dir>", "read system files under this directory (tests)").default("/").hideHelp())
    .action(async (opts: DoctorOptions) => {
      const fromConfig = opts.watchCommand === undefined ? (await loadConfig(opts.config)).windows.watchCommand : null;
      const results = await runDoctor({ ...doctorEnv(opts), ...(fromConfig !== null ? { watchCommand: fromConfig } : {}) });
      process.stdout.write(opts.json === true ? formatJson(results) : formatText(results));
      process.exitCode = allGood(results) ? ExitCode.ok : ExitCode.failure;
    });
}

function doctorEnv(opts: DoctorOptions): DoctorEnv {
  const timeout = Number(opts.timeout);
  if (!Number.isInteger(timeout) || timeout <= 0) throw new UsageError(`--timeout: expected a positive integer of milliseconds, got ${JSON.stringify(opts.timeout)}`);
  // A systemd service's PATH, plus the caller's: the tools must be found where the service looks.
  const pathDirs = [...new Set(["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin", ...(process.env.PATH ?? "").split(delimiter)])].filter((d) => d.startsWith("/"));
  return { root: opts.root, powershellPath: opts.powershell, watchCommand: parseArgv(opts.watchCommand), pathDirs, interopTimeoutMs: timeout };
}

function parseArgv(json: string | undefined): readonly string[] | null {
  if (json === undefined) return null;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new UsageError(`--watch-command: not JSON: ${json}`);
  }
  if (!Array.isArray(value) || value.length === 0 || !value.every((v) => typeof v === "string")) {
    throw new UsageError("--watch-command: expected a non-empty JSON array of strings");
  }
  return value;
}
