import type { Lab } from "../../src/lab/createLab.js";
import type { NumberRange } from "../../src/probe/config.js";

const TABLE = "wvaoversize";

/** Packets above the limit the router forwarded: the probe's own (by its source ports) and everyone else's. */
export interface Oversize {
  readonly probe: number;
  readonly other: number;
}

/**
 * Counts, on the lab's router (nftables, the real kernel), IPv4 packets longer than `limit` bytes
 * arriving from either side: those of the probes (TCP from or to `probePorts`) and all
 * others. The user's traffic must never be among the others while the interface is raised.
 */
export async function countOversize(lab: Lab, limit: number, probePorts: NumberRange): Promise<{ read(): Promise<Oversize>; remove(): Promise<void> }> {
  const ports = `${probePorts.first}-${probePorts.first + probePorts.count - 1}`;
  const rules = [
    `table ip ${TABLE} {`,
    "  chain arriving {",
    // Prerouting, not forward: a packet too big for the next link is dropped before the forward hook.
    "    type filter hook prerouting priority -300; policy accept;",
    `    ip length > ${limit} tcp sport ${ports} counter`,
    `    ip length > ${limit} tcp dport ${ports} counter`,
    `    ip length > ${limit} counter`,
    "  }",
    "}",
    "",
  ].join("\n");
  const added = await lab.exec("router", ["nft", "-f", "-"], { input: rules });
  if (!added.ok) throw new Error(`nft: ${added.stderr}`);
  return {
    async read() {
      const r = await lab.exec("router", ["nft", "-j", "list", "table", "ip", TABLE]);
      const items = (JSON.parse(r.stdout) as { nftables: Array<{ rule?: { expr: Array<{ counter?: { packets: number } }> } }> }).nftables;
      const counts = items.flatMap((i) => (i.rule === undefined ? [] : i.rule.expr.flatMap((e) => (e.counter === undefined ? [] : [e.counter.packets]))));
      const [out = 0, back = 0, all = 0] = counts;
      return { probe: out + back, other: all - out - back };
    },
    async remove() {
      await lab.exec("router", ["nft", "delete", "table", "ip", TABLE]);
    },
  };
}
