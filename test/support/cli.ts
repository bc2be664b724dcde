import { execa } from "execa";
import { fileURLToPath } from "node:url";

/** Path of the bundled CLI, as `node dist/cli.js` users run it (the unit tests' quick way). */
export const cliPath = fileURLToPath(new URL("../../dist/cli.js", import.meta.url));

/** The single executable `npm run package` ships for this machine (test/support/packageOnce.ts builds it). */
export const agentBinary = fileURLToPath(new URL(`../../dist/release/linux-${process.arch}/wsl-vpn-agent`, import.meta.url));

/**
 * The command line that starts the CLI: the shipped executable, except in the unit project
 * (vitest.config.ts sets WVA_TEST_CLI=bundle there), which runs `node dist/cli.js` without packaging.
 */
export function cliCommand(): readonly [string, ...string[]] {
  return process.env.WVA_TEST_CLI === "bundle" ? [process.execPath, cliPath] : [agentBinary];
}

/** `cliCommand()` with ARGS, split as execa takes it: [file, args]. */
export function cliArgv(args: readonly string[]): [string, string[]] {
  const [file, ...pre] = cliCommand();
  return [file, [...pre, ...args]];
}

/** Runs the real CLI and returns its exit code and output, never throwing on a non-zero exit. */
export async function runCliProcess(args: readonly string[], options: { env?: Record<string, string>; input?: string } = {}) {
  const result = await execa(...cliArgv(args), { reject: false, env: options.env, input: options.input, timeout: 60_000 });
  return { code: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
}
