// Builds dist/release/wsl-vpn-agent_<version>_<arch>.deb from the executable, offline, with
// dpkg-deb. The files are what `install --root` lays down (one source: the unit comes from the same
// template, the config and the schema from the same code), plus the docs and DEBIAN/.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmod, copyFile, lstat, mkdir, readdir, readFile, rm, utimes, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { gzipSync } from "node:zlib";
import { sourceDateEpoch, versionOf } from "./version.mjs";

const SCRIPTS = "scripts/package/deb";
const MAINTAINER = "wsl-vpn-agent maintainers <maintainers@users.noreply.r-seed-fd33dbce.example>";
// Node's official binary needs these (objdump -T: GLIBC_2.28, CXXABI_1.3.11 = GCC 7, GCC_3.4).
const LIBS = "libc6 (>= 2.28), libgcc-s1 (>= 3.4), libstdc++6 (>= 7)";
// What the agent runs: ip (every change), curl (the HTTPS verification), ping (ICMP hints).
const TOOLS = "iproute2, curl, iputils-ping";
const DEB_ARCH = { x64: "amd64", arm64: "arm64" };

/** The deb of `binary` (the executable for `arch`), version `version`; returns its path. */
export async function buildDeb({ binary, arch, version = versionOf(), out = "dist/release" }) {
  const debArch = DEB_ARCH[arch];
  if (debArch === undefined) throw new Error(`no Debian architecture for ${arch}`);
  const stage = join("dist/deb", debArch);
  const root = join(stage, "root");
  await rm(stage, { recursive: true, force: true });
  execFileSync(process.execPath, ["dist/cli.js", "install", "--root", root, "--binary", binary, "--no-start"], { stdio: ["ignore", "ignore", "inherit"] });
  // install's manifest is for `uninstall`; dpkg keeps its own list.
  await rm(join(root, "usr/lib/wsl-vpn-agent"), { recursive: true });
  await writeDocs(root, version);
  await writeControl(root, { version, debArch });
  await normalize(root);
  const deb = join(out, `wsl-vpn-agent_${version}_${debArch}.deb`);
  await mkdir(out, { recursive: true });
  execFileSync("dpkg-deb", ["--build", "--root-owner-group", "-Zxz", "-z1", root, deb], { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, SOURCE_DATE_EPOCH: String(sourceDateEpoch()) } });
  return deb;
}

async function writeDocs(root, version) {
  const doc = join(root, "usr/share/doc/wsl-vpn-agent");
  await mkdir(doc, { recursive: true });
  const license = await readFile("LICENSE", "utf8");
  const copyright = [
    "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/",
    "Upstream-Name: wsl-vpn-agent",
    "",
    "Files: *",
    `Copyright: ${/^Copyright \(c\) (.+)$/m.exec(license)?.[1] ?? "the wsl-vpn-agent authors"}`,
    "License: Expat",
    "",
    "License: Expat",
    ...license.split("\n").slice(4).map((l) => (l.trim() === "" ? " ." : ` ${l}`)),
  ];
  await writeFile(join(doc, "copyright"), `${copyright.join("\n").replace(/( \.\n)+$/, "")}\n`);
  const date = new Date(sourceDateEpoch() * 1000).toUTCString().replace("GMT", "+0000");
  const changelog = `wsl-vpn-agent (${version}) unstable; urgency=medium\n\n  * Release ${version}; what changed: /usr/share/doc/wsl-vpn-agent/CHANGELOG.md.gz\n\n -- ${MAINTAINER}  ${date}\n`;
  await writeFile(join(doc, "changelog.gz"), gzipSync(changelog, { level: 9 }));
  await writeFile(join(doc, "CHANGELOG.md.gz"), gzipSync(await readFile("CHANGELOG.md"), { level: 9 }));
  await writeFile(join(doc, "README.md.gz"), gzipSync(await readFile("README.md"), { level: 9 }));
  // lintian's remarks that are true and accepted: each with its reason (docs/operations.md lists them).
  const overrides = join(root, "usr/share/lintian/overrides");
  await mkdir(overrides, { recursive: true });
  await copyFile(join(SCRIPTS, "lintian-overrides"), join(overrides, "wsl-vpn-agent"));
}

async function writeControl(root, { version, debArch }) {
  const debian = join(root, "DEBIAN");
  await mkdir(debian, { recursive: true });
  const files = await listFiles(root);
  const control = [
    "Package: wsl-vpn-agent",
    `Version: ${version}`,
    `Architecture: ${debArch}`,
    `Maintainer: ${MAINTAINER}`,
    `Installed-Size: ${await installedSize(root, files)}`,
    `Depends: ${LIBS}, ${TOOLS}`,
    // The MSS clamp for containers behind WSL; without nft the agent logs that it does not clamp.
    "Recommends: nftables",
    "Section: net",
    "Priority: optional",
    "Description: keeps WSL2 networking working when Windows joins a VPN",
    " When Windows connects to a VPN, WSL2's eth0 keeps an MTU the VPN path",
    " cannot carry: TLS handshakes hang in a path-MTU black hole. The agent",
    " watches Windows, finds the largest MTU that really carries TLS (parallel",
    " probes over policy routes), applies it, verifies it with an HTTPS request,",
    " rolls back on failure and restores the original MTU when the VPN goes away.",
    " Every input is journaled, so incidents replay deterministically.",
  ];
  await writeFile(join(debian, "control"), `${control.join("\n")}\n`);
  const conffiles = files.filter((f) => f.startsWith("etc/")).map((f) => `/${f}`);
  await writeFile(join(debian, "conffiles"), `${conffiles.join("\n")}\n`);
  const sums = [];
  for (const f of files) sums.push(`${createHash("md5").update(await readFile(join(root, f))).digest("hex")}  ${f}`);
  await writeFile(join(debian, "md5sums"), `${sums.join("\n")}\n`);
  for (const script of ["postinst", "prerm", "postrm"]) {
    await copyFile(join(SCRIPTS, script), join(debian, script));
    await chmod(join(debian, script), 0o755);
  }
}

/** Every regular file under `root` (not DEBIAN/), relative, sorted. */
async function listFiles(root, dir = root) {
  const out = [];
  for (const e of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, e.name);
    if (e.isDirectory()) {
      if (relative(root, path) !== "DEBIAN") out.push(...(await listFiles(root, path)));
    } else out.push(relative(root, path));
  }
  return out;
}

/** dpkg-gencontrol's figure: KiB per file, rounded up, plus one per directory. */
async function installedSize(root, files) {
  let kib = 0;
  const dirs = new Set();
  for (const f of files) {
    kib += Math.ceil((await lstat(join(root, f))).size / 1024);
    for (let d = f; d.includes("/"); ) dirs.add((d = d.slice(0, d.lastIndexOf("/"))));
  }
  return kib + dirs.size;
}

/** Same bytes from the same tree: modes as Debian wants them, every time stamp the commit's. */
async function normalize(root, dir = root) {
  const epoch = sourceDateEpoch();
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) {
      await chmod(path, 0o755);
      await normalize(root, path);
    } else {
      const executable = path === join(root, "usr/bin/wsl-vpn-agent") || relative(root, dir) === "DEBIAN" && ["postinst", "prerm", "postrm"].includes(e.name);
      await chmod(path, executable ? 0o755 : 0o644);
    }
    await utimes(path, epoch, epoch);
  }
  await utimes(dir, epoch, epoch);
}
