import { defineConfig } from "vitest/config";

// One project per kind of test, so `npm run test:unit|int|prop|e2e` can pick one. In `npm test` they
// run one group after the other (groupOrder), e2e last and alone.
// Tests spawn the real CLI (test/support/cli.ts): the unit tests `node dist/cli.js` (built once per
// run), the end-to-end tests the single executable that ships (packaged once per run).
const BUILD = "test/support/buildOnce.ts";
const PACKAGE = "test/support/packageOnce.ts";

export default defineConfig({
  test: {
    projects: [
      { test: { name: "unit", include: ["test/**/*.unit.test.ts"], testTimeout: 30_000, sequence: { groupOrder: 0 }, globalSetup: [BUILD], env: { WVA_TEST_CLI: "bundle" } } },
      // Spawns processes or touches files, but needs neither root nor a lab.
      { test: { name: "int", include: ["test/**/*.int.test.ts"], testTimeout: 60_000, sequence: { groupOrder: 1 }, globalSetup: [BUILD], env: { WVA_TEST_CLI: "bundle" } } },
      { test: { name: "prop", include: ["test/**/*.prop.test.ts"], testTimeout: 120_000, sequence: { groupOrder: 2 } } },
      {
        test: {
          name: "e2e",
          include: ["test/**/*.e2e.test.ts"],
          testTimeout: 180_000,
          hookTimeout: 120_000,
          sequence: { groupOrder: 3 },
          globalSetup: [PACKAGE],
          // Probes measure timeouts on a real kernel: one lab at a time keeps 2 cores from
          // starving a passing probe into a false black hole.
          maxWorkers: 1,
        },
      },
    ],
  },
});
