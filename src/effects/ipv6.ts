import { writeFile } from "node:fs/promises";
import { errorMessage } from "../errors.js";
import { isPlainIfaceName } from "../link/ifaceName.js";
import { IPV6_MIN_MTU } from "../link/mtuBounds.js";
import { runCommand } from "./run.js";


/** True when `ip -j -6 addr show` output lists an address (link-local ones count: they go too). Pure. */
export function listsIpv6(json: string): boolean {
  try {
    const links = JSON.parse(json) as Array<{ addr_info?: unknown }>;
    return Array.isArray(links) && links.some((l) => Array.isArray(l.addr_info) && l.addr_info.length > 0);
  } catch {
    return false;
  }
}

/** Whether the interface carries IPv6 addresses now; false when `ip` cannot say. */
export async function carriesIpv6(iface: string): Promise<boolean> {
  const r = await runCommand(["ip", "-j", "-6", "addr", "show", "dev", iface], { timeoutMs: 5000 });
  return r.ok && listsIpv6(r.stdout);
}

/**
 * Sets the interface's own IPv6 MTU (`net.ipv6.conf.IF.mtu`), which IPv6 uses below the device
 * MTU. Done when the interface has no IPv6 (the setting is then absent or ignored). Changing the
 * device MTU resets it to the device's.
 */
export async function setIpv6Mtu(iface: string, mtu: number): Promise<{ ok: true } | { ok: false; reason: string }> {
  // The name becomes a path under /proc/sys: no "/", no "..".
  if (!isPlainIfaceName(iface)) return { ok: false, reason: `not an interface name: ${iface}` };
  const path = `/proc/sys/net/ipv6/conf/${iface}/mtu`;
  if (mtu < IPV6_MIN_MTU || !(await carriesIpv6(iface))) return { ok: true };
  try {
    await writeFile(path, `${mtu}\n`);
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: `cannot set ${path} to ${mtu}: ${errorMessage(error)}` };
  }
}
