import { readMtu, setMtu } from "../effects/linkMtu.js";
import { describeFailure, runCommand } from "../effects/run.js";
import { setIpv6Mtu } from "../effects/ipv6.js";
import { pinPlan, pinnedDevices } from "./pin.js";
import { ipBatch } from "../effects/ipBatch.js";

/** The pin's numbers: an owned table and an owned rule priority (config.ts pinSlot). */
export interface PinSlot {
  readonly table: number;
  readonly priority: number;
}

/** A raised interface: `undo` puts its MTU back, then drops the pin; it says what it could not undo. */
export interface Raised {
  readonly from: number;
  readonly to: number;
  undo(): Promise<string | null>;
}

/**
 * Lets the probe measure sizes above `dev`'s MTU without the user's traffic ever using them: pins
 * every route of `dev` to its current MTU in the pin table (a copy of the main table, reached by
 * a rule after the probes' rules), then raises the device to `to`. The probes' own tables carry
 * their sizes; everything else keeps `from` (IPv6 through the device's IPv6 MTU). Every step is undone if a later one fails; a crash
 * leaves the pin table, from which start-up recovers the old MTU (recoverRaise).
 */
export async function raiseForProbe(dev: string, from: number, to: number, pin: PinSlot): Promise<{ ok: true; raised: Raised } | { ok: false; reason: string }> {
  const listed = await runCommand(["ip", "-j", "-4", "route", "show", "table", "main"], { timeoutMs: 5000 });
  if (!listed.ok) return { ok: false, reason: describeFailure(listed) };
  const plan = pinPlan(listed.stdout, dev, from, pin.table);
  if (!plan.ok) return { ok: false, reason: plan.reason };
  const unpin = async (): Promise<string | null> => {
    const r = await ipBatch([["rule", "del", "priority", String(pin.priority)], ["route", "flush", "table", String(pin.table)]], true);
    const problems = realErrors(r.stderr);
    return problems.length === 0 ? null : problems.join("; ");
  };
  const pinned = await ipBatch([...plan.lines, ["rule", "add", "priority", String(pin.priority), "lookup", String(pin.table)]]);
  if (!pinned.ok) {
    await unpin();
    return { ok: false, reason: `cannot pin the routes: ${describeFailure(pinned)}` };
  }
  const raised = await setMtu(dev, to);
  if (!raised.ok) {
    await unpin();
    return { ok: false, reason: describeFailure(raised) };
  }
  // IPv6 follows the device MTU into every route that had the old one (the kernel's rt6_mtu_change),
  // so IPv6 is held at the old MTU through the device's own IPv6 MTU instead; the probes are IPv4.
  const v6 = await setIpv6Mtu(dev, from);
  if (!v6.ok) {
    await setMtu(dev, from);
    await unpin();
    return { ok: false, reason: v6.reason };
  }
  const undo = async (): Promise<string | null> => {
    // The device first (which also puts its IPv6 MTU back): while the pin stays, nothing of the user's uses the larger MTU.
    const back = await setMtu(dev, from);
    const unpinned = await unpin();
    return [back.ok ? null : `cannot put ${dev} back to mtu ${from}: ${describeFailure(back)}`, unpinned].filter((x) => x !== null).join("; ") || null;
  };
  return { ok: true, raised: { from, to, undo } };
}

/**
 * Start-up after a crash: a pin table left behind means its devices may still be raised. Each is
 * put back to the MTU the pin recorded (when it is above it) before the pin is dropped by the
 * cleanup. Returns what it did, for the log.
 */
export async function recoverRaise(pin: PinSlot): Promise<string[]> {
  const done: string[] = [];
  const listed = await runCommand(["ip", "-j", "-4", "route", "show", "table", String(pin.table)], { timeoutMs: 5000 });
  for (const [dev, mtu] of listed.ok ? pinnedDevices(listed.stdout) : []) {
    const now = await readMtu(dev).catch(() => null);
    if (now === null || now <= mtu) continue;
    const r = await setMtu(dev, mtu);
    done.push(r.ok ? `${dev} was left raised to mtu ${now} by an interrupted probe: put back to ${mtu}` : `${dev} was left raised to mtu ${now} by an interrupted probe and cannot be put back to ${mtu}: ${describeFailure(r)}`);
  }
  return done;
}

/** The largest MTU the device accepts (`max_mtu` of `ip -d -j link show`); null when it does not say. */
export async function deviceMaxMtu(dev: string): Promise<number | null> {
  const r = await runCommand(["ip", "-d", "-j", "link", "show", "dev", dev], { timeoutMs: 5000 });
  try {
    const max = (JSON.parse(r.stdout) as Array<{ max_mtu?: unknown }>)[0]?.max_mtu;
    return typeof max === "number" && max > 0 ? max : null;
  } catch {
    return null;
  }
}

/** stderr lines of a forced batch that are more than "already gone". Pure. */
export function realErrors(stderr: string): string[] {
  return stderr.split("\n").filter((l) => l.trim() !== "" && !/No such file|Cannot find|Nothing to flush|Command failed/.test(l));
}
