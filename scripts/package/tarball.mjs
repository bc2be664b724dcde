// Builds dist/release/wsl-vpn-agent-<version>-linux-<arch>.tar.gz for distributions without dpkg:
// the executable, LICENSE and the docs in one directory; `sudo ./wsl-vpn-agent install` lays out
// the .deb's files from there. Same tree, same bytes (sorted, root-owned, the commit's time).
import { execFileSync } from "node:child_process";
import { chmod, copyFile, mkdir, readdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { sourceDateEpoch, versionOf } from "./version.mjs";

/** The tarball of `binary` (the executable for `arch`); returns its path. */
export async function buildTarball({ binary, arch, version = versionOf(), out = "dist/release" }) {
  const name = `wsl-vpn-agent-${version}-linux-${arch}`;
  const stage = join("dist/tarball", arch);
  const top = join(stage, name);
  await rm(stage, { recursive: true, force: true });
  await mkdir(join(top, "docs"), { recursive: true });
  await copyFile(binary, join(top, "wsl-vpn-agent"));
  await chmod(join(top, "wsl-vpn-agent"), 0o755);
  for (const f of ["LICENSE", "README.md", "CHANGELOG.md"]) await copyFile(f, join(top, f));
  for (const f of (await readdir("docs")).filter((f) => f.endsWith(".md"))) await copyFile(join("docs", f), join(top, "docs", f));
  const tar = execFileSync("tar", ["--sort=name", "--owner=0", "--group=0", "--numeric-owner", `--mtime=@${sourceDateEpoch()}`, "--mode=go-w,a+rX", "--format=gnu", "-C", stage, "-c", name], { maxBuffer: 1 << 30 });
  const file = join(out, `${name}.tar.gz`);
  await mkdir(out, { recursive: true });
  await writeFile(file, gzipSync(tar, { level: 6 }));
  return file;
}
