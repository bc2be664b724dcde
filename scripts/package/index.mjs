// `npm run package`: the bundle, then each step's artefacts in dist/release/, then SHA256SUMS over
// every file there. A step is one entry of STEPS, so the .deb and the tarball add theirs without
// touching the others. `npm run package -- NAME…` runs only the named steps (quicker while
// working on one) and keeps what earlier runs left in dist/release/.
import { execFileSync } from "node:child_process";
import { rm } from "node:fs/promises";
import { buildDeb } from "./deb.mjs";
import { PLATFORMS } from "./platforms.mjs";
import { buildSea } from "./sea.mjs";
import { buildTarball } from "./tarball.mjs";
import { writeSums } from "./sums.mjs";

const SEA_X64 = "dist/release/linux-x64/wsl-vpn-agent";

// deb-x64 and tarball-x64 package the executable linux-x64 built (run after it, or alone on an earlier build).
const STEPS = {
  "linux-x64": () => buildSea(PLATFORMS["linux-x64"]),
  "linux-arm64": () => buildSea(PLATFORMS["linux-arm64"]),
  "deb-x64": () => buildDeb({ binary: SEA_X64, arch: "x64", ...flags }),
  "tarball-x64": () => buildTarball({ binary: SEA_X64, arch: "x64", ...flags }),
};

// `--version V` and `--out DIR`: packages of another version elsewhere (the upgrade test's older .deb).
const flags = {};
const asked = [];
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  if (a === "--version" || a === "--out") flags[a.slice(2)] = process.argv[++i];
  else asked.push(a);
}
const unknown = asked.filter((name) => !(name in STEPS));
if (unknown.length > 0) throw new Error(`unknown package step(s) ${unknown.join(", ")}; steps: ${Object.keys(STEPS).join(", ")}`);
execFileSync(process.execPath, ["scripts/build.mjs"], { stdio: "inherit" });
if (asked.length === 0) await rm("dist/release", { recursive: true, force: true });
for (const name of asked.length === 0 ? Object.keys(STEPS) : asked) console.log(`${name}: ${await STEPS[name]()}`);
console.log(await writeSums("dist/release"));
