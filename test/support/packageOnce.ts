import { execa } from "execa";

/**
 * vitest globalSetup of the e2e tests: `npm run package` once per run (the bundle, every
 * executable, the packages), so the end-to-end tests run what ships (test/support/cli.ts).
 */
export default async function packageOnce(): Promise<void> {
  await execa(process.execPath, ["scripts/package/index.mjs"], { stdio: "inherit" });
}
