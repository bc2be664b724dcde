import { execa, type ResultPromise } from "execa";
import { Observable } from "rxjs";
import { splitLines, type RawLine } from "../lines/splitLines.js";
import { MAX_LINE_BYTES } from "./decodeLine.js";
import { WatcherError, type WatcherStop } from "./watcherError.js";

export interface WatcherProcessOptions {
  /** After stdin is closed on unsubscribe, how long the watcher may take to exit before SIGTERM (then SIGKILL). */
  readonly exitGraceMs?: number;
  readonly maxLineBytes?: number;
}

const STDERR_TAIL = 2048;

/**
 * Runs the watcher (argv array, no shell) and emits its stdout lines. Never completes: when the
 * process exits or cannot start, the Observable errors with a WatcherError. Unsubscribing closes
 * the watcher's stdin (its signal to exit) and kills it if it is still running after the grace.
 */
export function watcherLines(argv: readonly string[], opts: WatcherProcessOptions = {}): Observable<RawLine> {
  return new Observable<RawLine>((subscriber) => {
    const [file, ...args] = argv;
    if (file === undefined) throw new WatcherError([], { kind: "spawn", code: "empty command" }, "");
    // Its own process group, so stopping reaches whatever it started (`sh -c "tail -F …"`).
    const child = execa(file, args, { stdin: "pipe", stdout: "pipe", stderr: "pipe", buffer: false, reject: false, detached: true, forceKillAfterDelay: false });
    let stderrTail = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderrTail = (stderrTail + chunk.toString("utf8")).slice(-STDERR_TAIL);
    });
    child.stdin.on("error", () => {}); // EPIPE when the watcher exits first: its exit is reported below
    // A watcher that dies leaves its children (the .NET tool shim's `dotnet`, a shell's `tail`)
    // holding stdout: end them, so the output ends and the exit is reported (then restarted).
    child.nodeChildProcess.once("exit", () => endGroup(child));
    let done = false;
    void pump(child, opts.maxLineBytes ?? MAX_LINE_BYTES, (line) => !done && subscriber.next(line)).then((stop) => {
      if (!done) subscriber.error(new WatcherError(argv, stop, stderrTail));
    });
    return () => {
      done = true;
      stop(child, opts.exitGraceMs ?? 2000);
    };
  });
}

/** Reads lines until stdout ends, then waits for the exit and says how the run ended. */
async function pump(child: ResultPromise, maxBytes: number, emit: (line: RawLine) => unknown): Promise<WatcherStop> {
  try {
    if (child.stdout !== null) for await (const line of splitLines(child.stdout as AsyncIterable<Buffer>, maxBytes)) emit(line);
  } catch {
    // A stdout error surfaces as the process result below.
  }
  const result = await child;
  if (result.exitCode === undefined && result.signal === undefined) return { kind: "spawn", code: errnoOf(result.cause) };
  return { kind: "exit", exitCode: result.exitCode ?? null, signal: result.signal ?? null };
}

function errnoOf(cause: unknown): string | null {
  const code = (cause as { code?: unknown } | undefined)?.code;
  return typeof code === "string" ? code : null;
}

/** Sends `signal` to the watcher's whole process group; false when the group is gone. */
function signalGroup(child: ResultPromise, signal: NodeJS.Signals): boolean {
  if (child.pid === undefined) return false;
  try {
    process.kill(-child.pid, signal);
    return true;
  } catch {
    return false;
  }
}

/**
 * Asks politely (stdin closes), then SIGTERM to the process group after the grace and SIGKILL 2 s
 * later. Once stopping, its output no longer matters: the pipes are closed at once, so a process
 * that inherited them cannot keep the agent waiting. When the watcher itself exits, what is left
 * of its group is ended at once (the group id stays reserved while members live).
 */
function stop(child: ResultPromise, graceMs: number): void {
  child.stdin?.end();
  child.stdout?.destroy();
  child.stderr?.destroy();
  const term = setTimeout(() => endGroup(child), graceMs).unref();
  child.nodeChildProcess.once("exit", () => clearTimeout(term));
}

/** SIGTERM to what is left of the watcher's process group, SIGKILL 2 s later if anything still is. */
function endGroup(child: ResultPromise): void {
  if (signalGroup(child, "SIGTERM")) setTimeout(() => signalGroup(child, "SIGKILL"), 2000).unref();
}
