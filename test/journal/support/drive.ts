import { AgentDriver } from "../../../src/runtime/driver.js";
import { JournalWriter, type SegmentLimits } from "../../../src/journal/writer.js";
import type { AgentEvent } from "../../../machines/index.js";
import { testInput } from "../../support/input.js";

/** The events of a long steady VPN session: connect, then health checks and WSL rewriting the MTU. */
export function session(n: number): AgentEvent[] {
  const events: AgentEvent[] = [{ type: "network.settled", vpn: { name: "Ethernet 3", description: "Cisco AnyConnect", mtuHint: 1400 } }];
  for (let i = 0; i < n; i++) events.push({ type: "link.mtu", mtu: i % 2 === 0 ? 1400 : 1500 });
  return events;
}

/**
 * Runs the agent's own driver (journal before adopt) over `events` with a writer at `path`,
 * effects not run, one event a minute from `t0`. Returns the writer, closed.
 */
export async function drive(path: string, limits: SegmentLimits, events: readonly AgentEvent[], t0 = Date.UTC(2026, 0, 1), onRecord: (seq: number) => void = () => undefined): Promise<JournalWriter> {
  const writer = await JournalWriter.open(path, "journal.path", limits);
  let now = t0;
  const driver = new AgentDriver({ append: async (...args) => { const r = await writer.append(...args); onRecord(r.seq); return r; } }, () => undefined, () => new Date((now += 60_000)));
  await driver.start(testInput());
  for (const e of events) await driver.send(e);
  await driver.idle();
  await writer.close();
  return writer;
}
