import { defineConfig } from "vitest/config";

// One project per kind of test, so `npm run test:unit|int|prop|e2e` can pick one. In `npm test` they
// run one group after the other (groupOrder), e2e last and alone.
// Tests spawn the real CLI (dist/cli.js): build it once per run, before them.
const BUILD = "test/support/buildOnce.ts";

export default defineConfig({
  test: {
    projects: [
      { test: { name: "unit", include: ["test/**/*.unit.test.ts"], testTimeout: 30_000, sequence: { groupOrder: 0 }, globalSetup: [BUILD] } },
      // Spawns processes or touches files, but needs neither root nor a lab.
      { test: { name: "int", include: ["test/**/*.int.test.ts"], testTimeout: 60_000, sequence: { groupOrder: 1 }, globalSetup: [BUILD] } },
      { test: { name: "prop", include: ["test/**/*.prop.test.ts"], testTimeout: 120_000, sequence: { groupOrder: 2 } } },
      {
        test: {
          name: "e2e",
          include: ["test/**/*.e2e.test.ts"],
          testTimeout: 180_000,
          hookTimeout: 120_000,
          sequence: { groupOrder: 3 },
          globalSetup: [BUILD],
          // Probes measure timeouts on a real kernel: one lab at a time keeps 2 cores from
          // starving a passing probe into a false black hole.
          maxWorkers: 1,
        },
      },
    ],
  },
});
