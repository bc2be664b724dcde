import { execa } from "execa";

/**
 * vitest globalSetup: builds dist/cli.js once per run, so tests that spawn the real CLI test the
 * current source also when run one file at a time (`npx vitest run test/agent/...`).
 */
export default async function buildOnce(): Promise<void> {
  await execa("npm", ["run", "--silent", "build"], { stdio: "inherit" });
}
