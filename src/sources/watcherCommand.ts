import { ConfigError } from "../errors.js";

/** The default PowerShell: absolute, because a systemd service has no Windows PATH. */
export const DEFAULT_POWERSHELL = "/mnt/c/Windows/System32/WindowsPowerShell/v1.0/powershell.exe";

/** Windows' limit for a whole command line, in UTF-16 code units. */
const MAX_WINDOWS_COMMAND_LINE = 32_767;

export interface WatcherCommandOptions {
  /** `windows.watchCommand`: when set, run as is instead of PowerShell. */
  readonly watchCommand?: readonly string[] | null;
  readonly powershellPath?: string;
  /** Seconds between heartbeat snapshots. */
  readonly heartbeatSeconds?: number;
  /** How long the script waits for a burst of Windows events to end before printing. */
  readonly coalesceMs?: number;
}

/**
 * The argv that starts the watcher. PowerShell gets the script text as `-EncodedCommand`
 * (base64 of UTF-16LE): no Windows path (`wslpath -w`, UNC `\\wsl.localhost\…`) and no execution
 * policy is involved, and base64 survives the Windows command-line quoting unchanged. Only our own
 * script and two validated integers go into it. Pure; throws ConfigError for a bad option.
 */
export function watcherArgv(scriptText: string, opts: WatcherCommandOptions = {}): string[] {
  if (opts.watchCommand !== undefined && opts.watchCommand !== null) {
    if (opts.watchCommand.length === 0 || opts.watchCommand[0] === "") throw new ConfigError(["windows.watchCommand: must be a non-empty argv array"]);
    return [...opts.watchCommand];
  }
  const heartbeat = positiveInt(opts.heartbeatSeconds ?? 30, "heartbeat seconds");
  const coalesce = positiveInt(opts.coalesceMs ?? 250, "coalesce ms");
  const script = `$HeartbeatSeconds = ${heartbeat}\n$CoalesceMs = ${coalesce}\n${scriptText}`;
  const encoded = Buffer.from(script, "utf16le").toString("base64");
  const argv = [opts.powershellPath ?? DEFAULT_POWERSHELL, "-NoLogo", "-NoProfile", "-NonInteractive", "-EncodedCommand", encoded];
  if (argv.join(" ").length > MAX_WINDOWS_COMMAND_LINE) throw new Error("watcher.ps1 is too long for -EncodedCommand (32767-character Windows command line)");
  return argv;
}

function positiveInt(value: number, what: string): number {
  if (!Number.isInteger(value) || value <= 0) throw new ConfigError([`${what}: must be a positive integer, got ${value}`]);
  return value;
}
