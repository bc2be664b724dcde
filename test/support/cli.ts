import { execa } from "execa";
import { fileURLToPath } from "node:url";

/** Path of the bundled CLI, as users run it (`npm test` builds it first). */
export const cliPath = fileURLToPath(new URL("../../dist/cli.js", import.meta.url));

/** Runs the real CLI and returns its exit code and output, never throwing on a non-zero exit. */
export async function runCliProcess(args: readonly string[], options: { env?: Record<string, string>; input?: string } = {}) {
  const result = await execa(process.execPath, [cliPath, ...args], { reject: false, env: options.env, input: options.input, timeout: 60_000 });
  return { code: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
}
