import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { locateBundle } from "./bundle.js";
import { type Change, present, syncContent, syncSymlink, syncTree } from "./files.js";
import { BINFMT_LINE, defaultConfigText, LAYOUT, SERVICE, under } from "./layout.js";
import { manifestText, readManifest } from "./manifest.js";
import { systemctl, systemdAccess } from "./systemd.js";
import { renderUnit } from "./unit.js";

export interface InstallOptions {
  readonly root: string;
  /** Enable and start the service (else only enable it). */
  readonly start: boolean;
  /** Node binary the unit runs. */
  readonly nodePath: string;
  readonly version: string;
  /** One line of progress for the user. */
  readonly say: (line: string) => void;
}

/**
 * Lays down the bundled agent, the unit, a default config (never overwriting one), the binfmt
 * guard and the command symlink under `root`; then enables and starts the service when `root` is
 * the running system. Idempotent: a second run changes nothing and says so.
 */
export async function install(o: InstallOptions): Promise<void> {
  const at = (abs: string): string => under(o.root, abs);
  const bundle = await locateBundle();
  const changes: Change[] = [];
  const note = (what: string, change: Change): void => {
    changes.push(change);
    if (change !== "unchanged") o.say(`${change} ${what}`);
  };
  const previous = await readManifest(at(LAYOUT.manifest));
  const template = await readFile(bundle.unitTemplate, "utf8");
  for (const f of bundle.files) note(join(LAYOUT.lib, f), await syncContent(await readFile(join(bundle.dir, f)), join(at(LAYOUT.lib), f), f === "cli.js" ? 0o755 : 0o644));
  note(`${LAYOUT.lib}/assets/`, await syncTree(bundle.assets, join(at(LAYOUT.lib), "assets")));
  note(`${LAYOUT.lib}/systemd/${SERVICE}.service`, await syncContent(template, join(at(LAYOUT.lib), "systemd", `${SERVICE}.service`), 0o644));
  const unitChange = await syncContent(renderUnit(template, o.nodePath), at(LAYOUT.unit), 0o644);
  note(LAYOUT.unit, unitChange);
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
  const link = await syncSymlink(LAYOUT.cli, at(LAYOUT.bin));
  if (link === "foreign") o.say(`warning: ${LAYOUT.bin} exists and is not a symlink; left as it is`);
  else note(`${LAYOUT.bin} -> ${LAYOUT.cli}`, link);
  note(LAYOUT.manifest, await syncContent(manifestText({ version: o.version, binfmtCreated }), at(LAYOUT.manifest), 0o644));
  const changed = changes.some((c) => c !== "unchanged");
  const skipped = await manageService(o, changed, previous !== null);
  const done = !changed ? `wsl-vpn-agent ${o.version} already installed in ${o.root}` : previous === null ? `installed wsl-vpn-agent ${o.version} in ${o.root}` : `upgraded wsl-vpn-agent ${previous.version} -> ${o.version} in ${o.root}`;
  // The last line, so it cannot scroll away: files in place is not an agent running.
  o.say(skipped === null ? done : `${done}, but the service is NOT running: ${skipped}`);
}

/**
 * daemon-reload when files changed, enable (--now), and restart a running agent after an upgrade.
 * Returns why systemctl was skipped (nothing enabled or started), or null.
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
