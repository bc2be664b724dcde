import { execa } from "execa";

/**
 * vitest globalSetup of the e2e tests: builds the bundle and the single executable for this
 * machine once per run, so the end-to-end tests run what ships (test/support/cli.ts).
 */
export default async function packageOnce(): Promise<void> {
  await execa(process.execPath, ["scripts/package/index.mjs", `linux-${process.arch}`], { stdio: "inherit" });
}
