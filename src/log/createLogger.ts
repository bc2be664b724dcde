import { pino, type DestinationStream, type Logger } from "pino";
import { type LogMode, chooseLogMode, stdoutFacts } from "./mode.js";
import { formatPretty } from "./pretty.js";
import { prefixPriority } from "./syslog.js";
import { underCallFields, type LogFields } from "./logFields.js";

export type { Logger } from "pino";

export interface LoggerOptions {
  /** Least severe level written (pino names); default "info". */
  readonly level?: string;
  /** Where lines go; default stdout, written synchronously so nothing is lost on exit. */
  readonly stream?: DestinationStream;
  /** Default: chosen from JOURNAL_STREAM and whether stdout is a TTY. */
  readonly mode?: LogMode;
  /** Fields every line carries, fixed for the process (the agent's `run` id and `version`). */
  readonly bindings?: Readonly<Record<string, unknown>>;
  /** Fields read at each line, under the call's own (the agent's `vpn`, `iface`, `mtu`). */
  readonly fields?: LogFields;
}

const TRANSFORM: Readonly<Record<LogMode, ((line: string) => string) | undefined>> = {
  json: undefined,
  journal: prefixPriority,
  pretty: formatPretty,
};

/**
 * The agent's logger: pino JSON lines, prefixed with `<N>` under systemd, human-readable on a TTY.
 * Formatting runs in this thread (no transports: the CLI is one bundled file). Call
 * `logger.flush()` before exiting when a custom asynchronous stream is used.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const mode = options.mode ?? chooseLogMode(stdoutFacts());
  const stream = options.stream ?? pino.destination({ dest: 1, sync: true });
  const transform = TRANSFORM[mode];
  return pino(
    {
      level: options.level ?? "info",
      base: { pid: process.pid, ...options.bindings },
      ...(options.fields === undefined ? {} : { mixin: options.fields.read, mixinMergeStrategy: underCallFields }),
      ...(transform === undefined ? {} : { hooks: { streamWrite: transform } }),
    },
    stream,
  );
}
