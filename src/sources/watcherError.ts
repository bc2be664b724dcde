import { EnvironmentError } from "../errors.js";

/** How a watcher run ended: it never started (spawn failed) or it exited. */
export type WatcherStop =
  | { readonly kind: "spawn"; readonly code: string | null }
  | { readonly kind: "exit"; readonly exitCode: number | null; readonly signal: string | null };

/** A watcher run that ended; the message carries the command, the reason and the stderr tail. */
export class WatcherError extends EnvironmentError {
  constructor(
    readonly command: readonly string[],
    readonly stop: WatcherStop,
    readonly stderrTail: string,
    options?: ErrorOptions,
  ) {
    super(watcherMessage(command, stop, stderrTail), undefined, options);
  }
}

function watcherMessage(command: readonly string[], stop: WatcherStop, stderrTail: string): string {
  const cmd = JSON.stringify(command[0] ?? "");
  const what =
    stop.kind === "spawn"
      ? `watcher ${cmd} could not start (${stop.code ?? "unknown error"})${hint(stop.code)}`
      : `watcher ${cmd} exited (${stop.signal !== null ? `signal ${stop.signal}` : `exit code ${stop.exitCode ?? "?"}`})`;
  const tail = stderrTail.trim();
  return tail === "" ? what : `${what}: ${tail}`;
}

/** The usual causes, so status says what to do instead of a bare errno. */
const hints: Readonly<Record<string, string>> = {
  ENOENT: ": the executable does not exist (is /mnt/c mounted? see `wsl-vpn-agent doctor`)",
  ENOEXEC: ": Exec format error, the WSLInterop binfmt registration is missing (see `wsl-vpn-agent doctor`)",
  EACCES: ": permission denied",
};

function hint(code: string | null): string {
  return code === null ? "" : (hints[code] ?? "");
}
