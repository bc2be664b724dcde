import { execa } from "execa";

/** What one external command did. Failures are data, never thrown: callers decide what they mean. */
export interface CommandResult {
  readonly ok: boolean;
  /** The argument vector that ran (no shell). */
  readonly command: readonly string[];
  /** Exit code; null when the command could not start or was killed by a signal. */
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
  readonly durationMs: number;
}

export interface RunOptions {
  readonly timeoutMs?: number;
  readonly input?: string;
  readonly signal?: AbortSignal;
  /** Run inside this network namespace (`ip netns exec NS ...`). */
  readonly netns?: string;
}

/** Runs `argv` with execa (argument array, never a shell) and reports the outcome as data. */
export async function runCommand(argv: readonly string[], options: RunOptions = {}): Promise<CommandResult> {
  const command = options.netns === undefined ? [...argv] : ["ip", "netns", "exec", options.netns, ...argv];
  const [file, ...args] = command;
  if (file === undefined) throw new TypeError("runCommand: empty argv");
  const started = performance.now();
  const result = await execa(file, args, {
    reject: false,
    timeout: options.timeoutMs,
    input: options.input,
    cancelSignal: options.signal,
    stripFinalNewline: true,
    encoding: "utf8",
  });
  return {
    ok: result.exitCode === 0 && !result.failed,
    command,
    exitCode: result.exitCode ?? null,
    stdout: result.stdout,
    // A command that could not start has no stderr: execa's message says why (ENOENT, ...).
    stderr: result.stderr !== "" ? result.stderr : result.failed && result.exitCode === undefined ? (result.shortMessage ?? "") : "",
    timedOut: result.timedOut,
    durationMs: Math.round(performance.now() - started),
  };
}

/** One line saying what failed, for error messages: the command and its stderr. */
export function describeFailure(r: CommandResult): string {
  const why = r.timedOut ? "timed out" : r.exitCode === null ? "did not run" : `exit ${r.exitCode}`;
  const err = r.stderr.trim().split("\n")[0] ?? "";
  return `\`${r.command.join(" ")}\` failed (${why})${err === "" ? "" : `: ${err}`}`;
}
