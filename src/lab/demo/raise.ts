import { execa } from "execa";
import { readMtu } from "../../effects/linkMtu.js";
import { selfCommand } from "../cli.js";
import { runAgentStory } from "../demo.js";
import { RAISE_WSL_MTU } from "../topology/raise.js";
import type { Story } from "./stories.js";
import { selfLine } from "../selfLine.js";

/**
 * The `raise` story: WSL set eth0 to 1280 (the smallest Windows adapter, e.g. Tailscale's) while
 * the VPN path carries more. `probe` raises eth0 for its own length with the user's routes pinned
 * at 1280, finds the larger MTU, and puts 1280 back; the whole agent then applies it, and restores
 * 1280 when the VPN disconnects.
 */
export const raiseStory: Story = async (lab, o) => {
  const limit = o.tcpLimit === undefined ? "" : `, TCP ≤ ${o.tcpLimit}`;
  o.out(`lab: wsl (eth0 ${RAISE_WSL_MTU}, as WSL sets it with Tailscale installed) ─ router (link ${o.linkMtu}${limit}) ─ server ${lab.url}`);
  const ping = await lab.exec("wsl", ["ping", "-n", "-q", "-M", "do", "-c", "1", "-W", "1", "-s", String(o.linkMtu - 28), lab.addresses.server]);
  o.out(`ping ${o.linkMtu} bytes, DF set: ${ping.ok ? "reply" : `refused before it leaves (eth0 mtu ${RAISE_WSL_MTU}): the path carries more than eth0 lets out`}`);
  o.out(`$ ${selfLine()} probe --url ${lab.url} --ca-file ${lab.caFile}`);
  const r = await execa("ip", ["netns", "exec", lab.ns.wsl, ...selfCommand(), "probe", "--url", lab.url, "--ca-file", lab.caFile, "--json"], { reject: false, stdin: "ignore" });
  let found: { mtu?: number | null; evidence?: { notes?: string[] } } = {};
  try {
    found = JSON.parse(r.stdout) as typeof found;
  } catch {
    o.out(`✗ probe: ${r.stderr.trim() || `exit ${r.exitCode ?? "none"}`}`);
    return 1;
  }
  for (const note of found.evidence?.notes ?? []) o.out(`  note: ${note}`);
  const after = await readMtu("eth0", { netns: lab.ns.wsl });
  o.out(`  MTU ${found.mtu ?? "?"} carries TLS; eth0 is back at ${after}`);
  if (typeof found.mtu !== "number" || found.mtu <= RAISE_WSL_MTU || after !== RAISE_WSL_MTU) {
    o.out(`✗ expected an MTU above ${RAISE_WSL_MTU} and eth0 back at ${RAISE_WSL_MTU}`);
    return 1;
  }
  o.out(`✓ probed above eth0's MTU without the user's traffic leaving ${RAISE_WSL_MTU}`);
  return runAgentStory(lab, o, { startMtu: RAISE_WSL_MTU });
};
