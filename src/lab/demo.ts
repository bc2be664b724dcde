import { execa } from "execa";
import { verifyHttps } from "../effects/verifyHttps.js";
import { cliPath } from "./cli.js";
import { createLab, type Lab, type LabOptions } from "./createLab.js";

export interface DemoOptions extends Omit<LabOptions, "prefix"> {
  readonly out: (line: string) => void;
  /** Called once the lab exists (the CLI arms Ctrl-C teardown here). */
  readonly onLab?: (lab: Lab) => void;
}

/**
 * The lab demo: shows the black hole, probes, applies, verifies, then tears the lab down.
 * One step per function so the runtime issue can add the whole agent after `probeAndApply`.
 * Returns the exit code.
 */
export async function runDemo(o: DemoOptions): Promise<number> {
  const lab = await createLab(o);
  o.onLab?.(lab);
  try {
    o.out(`lab: wsl (eth0 1500) ─ router (link ${o.linkMtu}${o.tcpLimit === undefined ? "" : `, TCP ≤ ${o.tcpLimit}`}${o.blockIcmpEcho === true ? ", no echo" : ""}) ─ server ${lab.url}`);
    await showBlackHole(lab, o);
    const code = await probeAndApply(lab, o);
    await showAfter(lab, o);
    return code;
  } finally {
    await lab.destroy();
    o.out("lab removed");
  }
}

/** Step 1: small pings pass, big ones vanish, HTTPS hangs at the default MTU. */
export async function showBlackHole(lab: Lab, o: DemoOptions): Promise<void> {
  for (const size of [o.linkMtu, o.linkMtu + 1]) {
    const r = await lab.exec("wsl", ["ping", "-n", "-q", "-M", "do", "-c", "1", "-W", "1", "-s", String(size - 28), lab.addresses.server]);
    o.out(`ping ${size} bytes, DF set: ${r.ok ? "reply" : "no reply (the ICMP error is dropped: black hole)"}`);
  }
  const v = await verifyHttps({ url: lab.url, caFile: lab.caFile, timeoutMs: 3000, netns: lab.ns.wsl });
  o.out(`curl ${lab.url} at MTU 1500: ${v.ok ? `HTTP ${v.httpCode}` : `fails (${v.reason})`}`);
}

/** Step 2: `probe --apply` inside the wsl namespace, its progress shown as it happens. */
export async function probeAndApply(lab: Lab, o: DemoOptions): Promise<number> {
  o.out(`$ wsl-vpn-agent probe --url ${lab.url} --ca-file ${lab.caFile} --apply`);
  const args = ["netns", "exec", lab.ns.wsl, process.execPath, cliPath(), "probe", "--url", lab.url, "--ca-file", lab.caFile, "--apply"];
  const r = await execa("ip", args, { reject: false, stdin: "ignore", stdout: "pipe", stderr: "pipe" });
  for (const line of `${r.stdout}\n${r.stderr}`.split("\n").filter((l) => l !== "")) o.out(`  ${line}`);
  return r.exitCode ?? 1;
}

/** Step 3: the same HTTPS request now works. */
export async function showAfter(lab: Lab, o: DemoOptions): Promise<void> {
  const mtu = await lab.exec("wsl", ["ip", "-o", "link", "show", "dev", "eth0"]);
  o.out(`eth0 now: mtu ${/ mtu (\d+)/.exec(mtu.stdout)?.[1] ?? "?"}`);
  const v = await verifyHttps({ url: lab.url, caFile: lab.caFile, timeoutMs: 3000, netns: lab.ns.wsl });
  o.out(`curl ${lab.url}: ${v.ok ? `HTTP ${v.httpCode} in ${v.ms} ms` : `still fails (${v.reason})`}`);
}
