import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { configSchema } from "../config/index.js";
import { EnvironmentError } from "../errors.js";
import { type Change, isSymlinkTo, present, removePath, syncContent, syncSymlink, syncTree } from "./files.js";
import { BINFMT_LINE, defaultConfigText, DPKG_LIST, LAYOUT, LEGACY, SERVICE, under } from "./layout.js";
import { manifestText, readManifest } from "./manifest.js";
import type { ProgramSource } from "./source.js";
import { systemctl, systemdAccess } from "./systemd.js";
import { renderUnit } from "./unit.js";

/** The textfile path the metrics docs suggest: the directory Debian's prometheus-node-exporter reads. */
export const METRICS_TEXTFILE = "/var/lib/prometheus/node-exporter/wsl_vpn_agent.prom";

export interface InstallOptions {
  readonly root: string;
  /** Enable and start the service (else only enable it). */
  readonly start: boolean;
  /** The program to lay down: the executable (the .deb's layout), or the bundle and its node. */
  readonly program: ProgramSource;
  /** The shipped unit file, whose ExecStart names the executable. */
  readonly unitTemplate: string;
  readonly version: string;
  /** One line of progress for the user. */
  readonly say: (line: string) => void;
}

/**
 * Lays down the program, the unit, the config schema, a default config (never overwriting one),
 * the binfmt guard and a manifest under `root`; then enables and starts the service when `root` is
 * the running system. Idempotent: a second run changes nothing and says so.
 */
export async function install(o: InstallOptions): Promise<void> {
  const at = (abs: string): string => under(o.root, abs);
  if (await present(at(DPKG_LIST))) {
    throw new EnvironmentError(`the wsl-vpn-agent package (.deb) is installed in ${o.root}: upgrade it with apt (sudo apt install ./wsl-vpn-agent_VERSION_amd64.deb), or remove it first (sudo apt remove wsl-vpn-agent)`);
  }
  const changes: Change[] = [];
  const note = (what: string, change: Change): void => {
    changes.push(change);
    if (change !== "unchanged") o.say(`${change} ${what}`);
  };
  const previous = await readManifest(at(LAYOUT.manifest));
  const commandOurs = await layProgram(o, previous?.commandOurs === true, note);
  const exec = o.program.kind === "executable" ? [LAYOUT.bin] : [o.program.node, LAYOUT.cli];
  note(LAYOUT.unit, await syncContent(renderUnit(o.unitTemplate, exec), at(LAYOUT.unit), 0o644));
  note(LAYOUT.schema, await syncContent(`${JSON.stringify(configSchema(), null, 2)}\n`, at(LAYOUT.schema), 0o644));
  if (await present(at(LAYOUT.config))) o.say(`kept existing config ${LAYOUT.config}`);
  else note(LAYOUT.config, await syncContent(defaultConfigText(), at(LAYOUT.config), 0o644));
  let binfmtCreated = previous?.binfmtCreated ?? false;
  if (await present(at(LAYOUT.binfmt))) {
    const current = await readFile(at(LAYOUT.binfmt), "utf8").catch(() => "");
    if (!current.includes(BINFMT_LINE.trim())) o.say(`warning: ${LAYOUT.binfmt} exists without ${BINFMT_LINE.trim()}; left as it is`);
  } else {
    note(LAYOUT.binfmt, await syncContent(BINFMT_LINE, at(LAYOUT.binfmt), 0o644));
    binfmtCreated = true;
  }
  if (previous !== null) for (const gone of await removeLegacy(o.root)) note(`${gone} (moved)`, "updated");
  note(LAYOUT.manifest, await syncContent(manifestText({ version: o.version, binfmtCreated, commandOurs }), at(LAYOUT.manifest), 0o644));
  // Optional, for fleets: where Debian's node_exporter reads textfiles (docs/operations.md, "Running a fleet").
  if (previous === null) o.say(`metrics for Prometheus (optional): set "metrics": {"textfile": "${METRICS_TEXTFILE}"} in ${LAYOUT.config}`);
  const changed = changes.some((c) => c !== "unchanged");
  const skipped = await manageService(o, changed, previous !== null);
  const done = !changed ? `wsl-vpn-agent ${o.version} already installed in ${o.root}` : previous === null ? `installed wsl-vpn-agent ${o.version} in ${o.root}` : `upgraded wsl-vpn-agent ${previous.version} -> ${o.version} in ${o.root}`;
  // The last line, so it cannot scroll away: files in place is not an agent running.
  o.say(skipped === null ? done : `${done}, but the service is NOT running: ${skipped}`);
}

/**
 * The executable as /usr/bin/wsl-vpn-agent; or the bundle in /usr/lib/wsl-vpn-agent with
 * /usr/bin/wsl-vpn-agent a symlink to it. What the other form left is replaced (`ours`: a previous
 * install's manifest says the command is ours). True when the command in /usr/bin is install's.
 */
async function layProgram(o: InstallOptions, ours: boolean, note: (what: string, change: Change) => void): Promise<boolean> {
  const at = (abs: string): string => under(o.root, abs);
  const p = o.program;
  if (p.kind === "executable") {
    // A symlink left by a bundle install: writing through it would overwrite the bundle.
    if (await isSymlinkTo(at(LAYOUT.bin), LAYOUT.cli)) await removePath(at(LAYOUT.bin));
    note(LAYOUT.bin, await syncContent(await readFile(p.path), at(LAYOUT.bin), 0o755));
    for (const name of ["cli.js", "cli.js.map", "assets", "systemd"]) if (await removePath(join(at(LAYOUT.lib), name))) o.say(`removed ${LAYOUT.lib}/${name}`);
    return true;
  }
  for (const f of p.files) note(join(LAYOUT.lib, f), await syncContent(await readFile(join(p.dir, f)), join(at(LAYOUT.lib), f), f === "cli.js" ? 0o755 : 0o644));
  note(`${LAYOUT.lib}/assets/`, await syncTree(p.assets, join(at(LAYOUT.lib), "assets")));
  // An installed bundle can install again: it carries the template.
  note(`${LAYOUT.lib}/systemd/${SERVICE}.service`, await syncContent(o.unitTemplate, join(at(LAYOUT.lib), "systemd", `${SERVICE}.service`), 0o644));
  if (ours && !(await isSymlinkTo(at(LAYOUT.bin), LAYOUT.cli))) await removePath(at(LAYOUT.bin));
  const link = await syncSymlink(LAYOUT.cli, at(LAYOUT.bin));
  if (link === "foreign") o.say(`warning: ${LAYOUT.bin} exists and is not a symlink; left as it is`);
  else note(`${LAYOUT.bin} -> ${LAYOUT.cli}`, link);
  return link !== "foreign";
}

/** Removes what earlier versions laid down elsewhere (their unit in /etc would hide the new one); the paths removed. */
export async function removeLegacy(root: string): Promise<string[]> {
  const removed: string[] = [];
  if (await removePath(under(root, LEGACY.unit))) removed.push(LEGACY.unit);
  if ((await isSymlinkTo(under(root, LEGACY.bin), LAYOUT.cli)) && (await removePath(under(root, LEGACY.bin)))) removed.push(LEGACY.bin);
  return removed;
}

/**
 * daemon-reload when files changed, enable (--now), and restart a running agent after an upgrade.
 * Returns why nothing was enabled or started (systemctl skipped), or null.
 */
async function manageService(o: InstallOptions, changed: boolean, upgrade: boolean): Promise<string | null> {
  const access = await systemdAccess(o.root);
  if (!access.usable) {
    o.say(`skipped systemctl: ${access.reason}`);
    return `on the target system, with systemd running, run: systemctl daemon-reload && systemctl enable --now ${SERVICE}`;
  }
  if (changed) await systemctl(["daemon-reload"]);
  await systemctl(o.start ? ["enable", "--now", SERVICE] : ["enable", SERVICE]);
  if (changed && upgrade && o.start) await systemctl(["try-restart", SERVICE]);
  o.say(o.start ? `enabled and started ${SERVICE}.service` : `enabled ${SERVICE}.service (not started: --no-start)`);
  return null;
}
