import { describe, expect, it } from "vitest";
import { describeEvent } from "../../src/journal/describeEvent.js";
import type { JournalRecord } from "../../src/journal/record.js";
import { displayRecord } from "../../src/report/displayRecord.js";

const split = (prefix: string) => ({ kind: "split" as const, prefixes: [prefix] });
const juniper = { name: "Ethernet 5", description: "Juniper Networks Virtual Adapter", mtuHint: 1360, tunnel: split("198.19.1.0/24") };
const pangp = { name: "Ethernet 4", description: "PANGP Virtual Ethernet Adapter", mtuHint: 1400, tunnel: split("198.19.0.0/24") };

describe("displayRecord", () => {
  it("keeps the deepest field a report describes: the prefixes of another VPN's path (network.settled targets)", () => {
    const record: JournalRecord = {
      v: 2,
      seq: 3,
      at: "2026-12-08T02:39:48.706Z",
      event: { type: "network.settled", vpn: juniper, probeTarget: { url: "https://198.19.1.2/", address: "198.19.1.2" }, tunnels: [juniper, pangp], targets: [{ vpn: pangp, probeTarget: { url: "https://198.19.0.2/", address: "198.19.0.2" } }] },
      state: "Probing",
    };
    const shown = displayRecord(record);
    expect(shown).toEqual(record);
    expect(describeEvent(shown.event)).toContain(`own paths: "Ethernet 4" (split tunnel: 198.19.0.0/24)`);
  });
});
