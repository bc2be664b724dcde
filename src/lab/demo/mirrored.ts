import { execa, type ResultPromise } from "execa";
import { mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readMtu } from "../../effects/linkMtu.js";
import { verifyHttps } from "../../effects/verifyHttps.js";
import { errorMessage } from "../../errors.js";
import type { AgentStatus } from "../../status/contract.js";
import { cliPath } from "../cli.js";
import type { Lab } from "../createLab.js";
import { narrateLog, waitForStatus, type DemoOptions } from "../demo.js";
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
  const dir = join(tmpdir(), `wsl-vpn-agent-demo-mirrored-${new Date().toISOString().replace(/[:.]/g, "-")}`);
  await mkdir(dir, { recursive: true });
  const files = { config: join(dir, "config.json"), windows: join(dir, "win.json"), journal: join(dir, "journal.jsonl"), socket: join(dir, "status.sock") };
  await writeFile(files.windows, `${snapshotLine(TUN)}\n`);
  // No `interface`: the default "auto", as a user who never set it has.
  const config = {
    windows: { watchCommand: [process.execPath, cliPath(), "lab", "windows", "--file", files.windows] },
    settle: { quietMs: 300, maxWaitMs: 1000 },
    verify: { url: lab.url, caFile: lab.caFile, timeoutMs: 3000 },
    probe: { timeoutMs: 1000 },
    journal: { path: files.journal },
    state: { dir: join(dir, "state") },
    status: { socket: files.socket },
  };
  await writeFile(files.config, `${JSON.stringify(config, null, 2)}\n`);
  o.out("");
  o.out(`── the whole agent, interface "auto" (the default); Windows shows the VPN (adapter MTU ${TUN.mtu})`);
  o.out(`$ wsl-vpn-agent run --config ${files.config}`);
  const agent = execa("ip", ["netns", "exec", lab.ns.wsl, process.execPath, cliPath(), "run", "--config", files.config], { reject: false, stdin: "ignore", buffer: false });
  narrateLog(agent, o);
  try {
    await tell(lab, o, files, agent, mtu);
  } catch (error) {
    agent.kill("SIGKILL");
    await agent;
    o.out(`✗ ${errorMessage(error)}`);
    return 1;
  }
  o.out(`journal: ${files.journal}  (draw it: wsl-vpn-agent report ${files.journal})`);
  const replay = await execa(process.execPath, [cliPath(), "replay", files.journal], { reject: false, stdin: "ignore" });
  o.out(replay.exitCode === 0 ? "✓ replay: exit 0, every recorded state reproduced" : `✗ replay: exit ${replay.exitCode ?? "none"}`);
  return replay.exitCode === 0 ? 0 : 1;
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
