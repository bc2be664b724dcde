import type { ResultPromise } from "execa";
import { writeFile } from "node:fs/promises";
import { readMtu } from "../../effects/linkMtu.js";
import { verifyHttps } from "../../effects/verifyHttps.js";
import type { AgentStatus } from "../../status/contract.js";
import type { Lab } from "../createLab.js";
import { waitForStatus, type DemoOptions } from "../demo.js";
import { runAgentDemo } from "./agentRun.js";
import { snapshotLine } from "../simWindows.js";
import { MIRROR, removeMirror } from "../topology/mirrored.js";
import type { Story } from "./stories.js";

/** The VPN adapter as Windows reports it in mirrored mode: a TUN adapter advertising 9000. */
const TUN = { name: "Ethernet 3", description: "Cisco AnyConnect Secure Mobility Client Virtual Miniport Adapter", mtu: MIRROR.mtu };

/** One HTTPS request from the wsl side, told as a line. */
async function tellCurl(lab: Lab, o: DemoOptions, when: string): Promise<void> {
  const v = await verifyHttps({ url: lab.url, caFile: lab.caFile, timeoutMs: 3000, netns: lab.ns.wsl });
  o.out(`curl ${lab.url} (${when}): ${v.ok ? `HTTP ${v.httpCode} in ${v.ms} ms` : `fails (${v.reason})`}`);
}

/**
 * The `mirrored` story: the VPN's mirrored interface (eth1 at 9000) owns the default route and
 * black-holes HTTPS; the whole agent with the default `interface: "auto"` lowers eth1 to the exact
 * MTU and leaves eth0 alone; the VPN disconnects and eth1 goes with it: nothing to restore, eth0 is
 * managed again; SIGTERM; replay.
 */
export const mirroredStory: Story = async (lab, o) => {
  const mtu = (iface: string): Promise<number> => readMtu(iface, { netns: lab.ns.wsl });
  o.out(`lab: wsl ─ ${MIRROR.iface} (${MIRROR.mtu}, the VPN's mirrored adapter, default route) ─ router (link ${o.linkMtu}${o.tcpLimit === undefined ? "" : `, TCP ≤ ${o.tcpLimit}`}) ─ server ${lab.url}; eth0 (1500) on its own subnet`);
  await tellCurl(lab, o, `through ${MIRROR.iface} at ${MIRROR.mtu}`);
  return runAgentDemo(lab, o, {
    label: "mirrored",
    firstSnapshot: `${snapshotLine(TUN)}\n`,
    // No `interface`: the default "auto", as a user who never set it has.
    intro: `── the whole agent, interface "auto" (the default); Windows shows the VPN (adapter MTU ${TUN.mtu})`,
    tell: (files, agent) => tell(lab, o, files, agent, mtu),
  });
};

async function tell(lab: Lab, o: DemoOptions, files: { windows: string; socket: string }, agent: ResultPromise, mtu: (iface: string) => Promise<number>): Promise<void> {
  const ended: Promise<number | string> = agent.then((r) => r.exitCode ?? r.signal ?? "none");
  const until = (what: string, check: (s: AgentStatus) => boolean): Promise<AgentStatus> => waitForStatus(files.socket, what, check, ended);
  const applied = await until("Applied", (s) => s.state.startsWith("Applied") && s.appliedMtu !== null);
  if (applied.interface !== MIRROR.iface) throw new Error(`Applied on ${applied.interface}, expected the VPN's interface ${MIRROR.iface}`);
  o.out(`✓ Applied: ${MIRROR.iface} mtu ${await mtu(MIRROR.iface)} (was ${applied.baseline}), eth0 untouched at ${await mtu("eth0")}`);
  await tellCurl(lab, o, "Applied");

  o.out(`Windows: VPN disconnects; WSL removes ${MIRROR.iface}, the default route is eth0's again`);
  await removeMirror(lab);
  await writeFile(files.windows, `${snapshotLine(null)}\n`);
  const direct = await until("eth0 managed again", (s) => s.state === "Direct.idle" && s.interface === "eth0");
  o.out(`✓ ${MIRROR.iface} went with the VPN (nothing to restore); managing eth0, mtu ${direct.mtu}`);

  agent.kill("SIGTERM");
  const code = await ended;
  if (code !== 0) throw new Error(`the agent exited with ${code} on SIGTERM`);
  o.out("✓ agent stopped on SIGTERM, exit 0");
}
