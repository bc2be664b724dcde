/** Exit codes of the CLI (sysexits.h where one fits). Scripts rely on them: add, never renumber. */
export const ExitCode = {
  ok: 0,
  failure: 1,
  notRunning: 3,
  usage: 64,
  data: 65,
  unavailable: 69,
  /** Try again later: something else holds what the command needs (the state directory's lock: an agent, `probe --apply`). */
  tempFail: 75,
  software: 70,
  noPermission: 77,
  config: 78,
  /** stdout was closed by its reader: the shell's code for a death by SIGPIPE (128 + 13). */
  closedPipe: 141,
} as const;

/** An error the CLI reports as one clean message (no stack) with its exit code. */
export class AgentError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A bad command-line argument: names the argument. */
export class UsageError extends AgentError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, ExitCode.usage, options);
  }
}

/** Input data (a journal, watcher output) that cannot be read: names the line. */
export class DataError extends AgentError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, ExitCode.data, options);
  }
}

/** A config file that is missing, not JSON, or invalid: one line per problem. */
export class ConfigError extends AgentError {
  constructor(
    readonly problems: readonly string[],
    options?: ErrorOptions,
  ) {
    super(problems.join("\n"), ExitCode.config, options);
  }
}

/** Something the command needs is missing here (root, a tool, a running agent). */
export class EnvironmentError extends AgentError {
  constructor(message: string, exitCode: number = ExitCode.unavailable, options?: ErrorOptions) {
    super(message, exitCode, options);
  }
}

/** The message of anything thrown (an Error's message, else its string form). Pure. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
