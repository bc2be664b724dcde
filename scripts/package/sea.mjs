// Builds the single executable (dist/release/<platform>/wsl-vpn-agent): the esbuild bundle and its
// assets as a Node SEA blob, injected by postject into the registry's Node binary from the lockfile.
import { execFileSync } from "node:child_process";
import { chmod, copyFile, mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
const FUSE = "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2";

/** Files the program reads at run time (src/assets/readAsset.ts ASSETS), by asset name. */
export const ASSET_FILES = {
  "watcher.ps1": "assets/watcher.ps1",
  "config.schema.json": "assets/config.schema.json",
  "wsl-vpn-agent.service": "systemd/wsl-vpn-agent.service",
};

/**
 * Writes the blob with `node --experimental-sea-config`, run by `node` (the blob's format is tied to
 * that Node version, so it must be the version of `base`). `codeCache` needs the same V8 and CPU.
 * `--predictable` makes V8's code cache the same bytes on every build (without it, ~400 kB of the
 * cache differ from run to run); the executable still accepts the cache (no "Code cache data
 * rejected." warning at start).
 */
async function writeBlob(node, blob, codeCache) {
  const config = join(dirname(blob), "sea-config.json");
  await mkdir(dirname(blob), { recursive: true });
  const sea = { main: "dist/sea/cli.cjs", output: blob, disableExperimentalSEAWarning: true, useSnapshot: false, useCodeCache: codeCache, assets: ASSET_FILES };
  await writeFile(config, JSON.stringify(sea, null, 2) + "\n");
  execFileSync(node, ["--predictable", "--experimental-sea-config", config], { stdio: ["ignore", "ignore", "inherit"] });
}

/**
 * Builds one platform's executable from `base` (a Node binary of the pinned version) into
 * `release`/<platform>/wsl-vpn-agent, its blob in `work` (a test builds it a second time elsewhere).
 */
export async function buildSea({ platform, base, node, codeCache, release = "dist/release", work = "dist/sea" }) {
  const out = join(release, platform, "wsl-vpn-agent");
  const blob = join(work, platform, "sea-prep.blob");
  await writeBlob(node, blob, codeCache);
  await mkdir(dirname(out), { recursive: true });
  // Built beside and renamed into place: a test or an agent running the previous one never starts
  // a plain Node (the copy before injection), and a running executable is not written to.
  const part = `${out}.part`;
  await copyFile(base, part);
  await chmod(part, 0o755);
  const { inject } = require("postject");
  await inject(part, "NODE_SEA_BLOB", await readFile(blob), { sentinelFuse: FUSE });
  await rename(part, out);
  return out;
}
