import { Option, type Command } from "commander";
import { delimiter, isAbsolute } from "node:path";
import type { AgentConfig } from "../../config/index.js";
import { allGood, checkConfig, formatJson, formatText, runDoctor, type DoctorEnv } from "../../doctor/index.js";
import { ExitCode, UsageError } from "../../errors.js";
import { configOption } from "../configOption.js";
import { intFlag } from "../intFlag.js";
import { preview } from "../../text/preview.js";

interface DoctorOptions {
  json?: boolean;
  root: string;
  powershell?: string;
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
    .option("--powershell <path>", "absolute path of powershell.exe (default: windows.powershell from the config)")
    .option("--watch-command <json>", 'windows.watchCommand as a JSON argv array, e.g. \'["/usr/local/bin/my-watcher"]\'')
    .addOption(configOption("to check and take windows.* from"))
    .option("--timeout <ms>", "milliseconds the watcher may take to print its first snapshot (1-600000)", "8000")
    .addOption(new Option("--root <dir>", "read system files under this directory (tests)").default("/").hideHelp())
    .action(async (opts: DoctorOptions) => {
      const flags = parseFlags(opts);
      // A bad config is a finding like any other: report it and check the rest on the defaults.
      const { result, config } = await checkConfig(opts.config);
      const results = [result, ...(await runDoctor(doctorEnv(flags, config)))];
      process.stdout.write(opts.json === true ? formatJson(results) : formatText(results));
      process.exitCode = allGood(results) ? ExitCode.ok : ExitCode.failure;
    });
}

interface DoctorFlags {
  readonly root: string;
  readonly powershell: string | null;
  readonly watchCommand: readonly string[] | null;
  readonly timeoutMs: number;
}

/** The flags, validated before anything is checked: a bad one is a usage error (64) naming it. */
function parseFlags(opts: DoctorOptions): DoctorFlags {
  const timeoutMs = intFlag("--timeout", opts.timeout, 1, 600_000);
  // The watcher runs it as the service would: by absolute path, with no Windows PATH to search.
  if (opts.powershell !== undefined && !isAbsolute(opts.powershell)) throw new UsageError(`--powershell: expected an absolute path, got ${preview(opts.powershell)}`);
  return { root: opts.root, powershell: opts.powershell ?? null, watchCommand: parseArgv(opts.watchCommand), timeoutMs };
}

/** Flags over the config: what the checks look at. */
function doctorEnv(flags: DoctorFlags, config: AgentConfig): DoctorEnv {
  // A systemd service's PATH, plus the caller's: the tools must be found where the service looks.
  const pathDirs = [...new Set(["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin", ...(process.env.PATH ?? "").split(delimiter)])].filter((d) => d.startsWith("/"));
  return {
    root: flags.root,
    powershellPath: flags.powershell ?? config.windows.powershell,
    watchCommand: flags.watchCommand ?? config.windows.watchCommand,
    vpnPatterns: config.windows.vpnPatterns,
    pathDirs,
    interopTimeoutMs: flags.timeoutMs,
  };
}

function parseArgv(json: string | undefined): readonly string[] | null {
  if (json === undefined) return null;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new UsageError(`--watch-command: not JSON: ${preview(json)}`);
  }
  if (!Array.isArray(value) || value.length === 0 || !value.every((v) => typeof v === "string")) {
    throw new UsageError("--watch-command: expected a non-empty JSON array of strings");
  }
  return value;
}
