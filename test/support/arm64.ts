import { execa } from "execa";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { onPath } from "./onPath.js";
import { isRoot } from "./root.js";

const repo = fileURLToPath(new URL("../..", import.meta.url));

/** The linux-arm64 executable `npm run package` writes. */
export const arm64Binary = join(repo, "dist/release/linux-arm64/wsl-vpn-agent");

/** Starting it here needs qemu-user-static and an arm64 root (built once: needs root and debootstrap). */
const missing = [
  !onPath("qemu-aarch64-static") && "qemu-aarch64-static",
  process.env.WVA_TEST_ARM64_ROOT === undefined && !isRoot && "root",
  process.env.WVA_TEST_ARM64_ROOT === undefined && !onPath("debootstrap") && "debootstrap",
].filter((m): m is string => typeof m === "string");
export const skipArm64 = missing.length > 0;
if (skipArm64) {
  if (process.env.CI === "true") throw new Error(`CI=true but ${missing.join(", ")} missing: run scripts/test-setup/install.sh as root`);
  console.warn(`skipping the linux-arm64 executable's tests: ${missing.join(", ")} missing (bash scripts/test-setup/install.sh installs them)`);
}

/** The arm64 glibc/libstdc++ root (WVA_TEST_ARM64_ROOT, or scripts/test-setup/arm64root.sh builds it once). */
export async function arm64Root(): Promise<string> {
  if (process.env.WVA_TEST_ARM64_ROOT !== undefined) return process.env.WVA_TEST_ARM64_ROOT;
  const r = await execa("bash", [join(repo, "scripts/test-setup/arm64root.sh")], { reject: false, timeout: 600_000 });
  if (r.exitCode !== 0) throw new Error(`scripts/test-setup/arm64root.sh failed (exit ${r.exitCode}): ${r.stderr}`);
  return r.stdout.trim().split("\n").at(-1) ?? "";
}
