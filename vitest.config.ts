import { defineConfig } from "vitest/config";

// One project per kind of test, so `npm run test:unit|prop|e2e` can pick one.
export default defineConfig({
  test: {
    projects: [
      { test: { name: "unit", include: ["test/**/*.unit.test.ts"], testTimeout: 20_000 } },
      { test: { name: "prop", include: ["test/**/*.prop.test.ts"], testTimeout: 120_000 } },
      {
        test: {
          name: "e2e",
          include: ["test/**/*.e2e.test.ts"],
          testTimeout: 180_000,
          hookTimeout: 120_000,
          // Labs use real namespaces; a few at a time keeps 2 cores responsive.
          maxWorkers: 2,
        },
      },
    ],
  },
});
