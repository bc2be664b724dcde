/**
 * End-to-end tests need root (network namespaces, ip rules). Without root they skip with a message;
 * under CI=true they must run, so a missing root fails loudly instead of skipping silently.
 */
export const isRoot = typeof process.getuid === "function" && process.getuid() === 0;

export const skipE2e = !isRoot;

if (!isRoot) {
  if (process.env.CI === "true") {
    throw new Error("CI=true but not running as root: end-to-end tests must run in CI (run .ci/run as root)");
  }
  console.warn("skipping end-to-end tests: they need root for network namespaces (run as root, or CI=true)");
}
