import { EnvironmentError } from "../errors.js";
import { isSymlinkTo, present, removePath } from "./files.js";
import { removeLegacy } from "./install.js";
import { DPKG_LIST, LAYOUT, SERVICE, under } from "./layout.js";
import { readManifest } from "./manifest.js";
import { systemctl, systemctlQuiet, systemdAccess } from "./systemd.js";

export interface UninstallOptions {
  readonly root: string;
  /** Also remove the config and the state directory (journal, known VPNs, baseline). */
  readonly purge: boolean;
  readonly say: (line: string) => void;
}

/**
 * Stops and disables the service (on the running system), then removes what install laid down.
 * Keeps the config and the state directory unless `purge`. Idempotent.
 */
export async function uninstall(o: UninstallOptions): Promise<void> {
  const at = (abs: string): string => under(o.root, abs);
  if (await present(at(DPKG_LIST))) {
    throw new EnvironmentError(`the wsl-vpn-agent package (.deb) is installed in ${o.root}: remove it with apt (sudo apt remove wsl-vpn-agent, or apt purge to also remove the config and the journal)`);
  }
  const access = await systemdAccess(o.root);
  const unitPresent = await present(at(LAYOUT.unit));
  if (access.usable && unitPresent) {
    // Stopping restores the baseline MTU (restoreOnStop) before the files go away.
    if (await systemctlQuiet(["disable", "--now", SERVICE])) o.say(`stopped and disabled ${SERVICE}.service`);
  } else if (!access.usable && unitPresent) {
    o.say(`skipped systemctl: ${access.reason}`);
  }
  const manifest = await readManifest(at(LAYOUT.manifest));
  const removed: string[] = [];
  const remove = async (abs: string): Promise<void> => {
    if (await removePath(at(abs))) removed.push(abs);
  };
  await remove(LAYOUT.unit);
  // Only our own command: a different wsl-vpn-agent in /usr/bin is not ours to delete.
  if (manifest?.commandOurs === true || (await isSymlinkTo(at(LAYOUT.bin), LAYOUT.cli))) await remove(LAYOUT.bin);
  if (manifest?.binfmtCreated === true) await remove(LAYOUT.binfmt);
  await remove(LAYOUT.share);
  await remove(LAYOUT.lib);
  if (manifest !== null) removed.push(...(await removeLegacy(o.root)));
  if (o.purge) {
    await remove(LAYOUT.configDir);
    await remove(LAYOUT.stateDir);
  }
  for (const abs of removed) o.say(`removed ${abs}`);
  if (access.usable && removed.includes(LAYOUT.unit)) await systemctl(["daemon-reload"]);
  if (!o.purge) {
    const kept = [LAYOUT.config, LAYOUT.stateDir];
    const existing: string[] = [];
    for (const abs of kept) if (await present(at(abs))) existing.push(abs);
    if (existing.length > 0) o.say(`kept ${existing.join(" and ")} (remove with: uninstall --purge)`);
  }
  o.say(removed.length > 0 ? `uninstalled wsl-vpn-agent from ${o.root}` : `wsl-vpn-agent is not installed in ${o.root}`);
}
