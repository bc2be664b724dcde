import { describeFailure, runCommand } from "../../effects/run.js";
import { EnvironmentError } from "../../errors.js";
import type { LabNames } from "../names.js";
import type { ShapeBuilder } from "./index.js";

/** The container behind WSL's bridge, as Docker lays it out (its 172.17.0.0/16, moved into 198.18.0.0/15). */
export const CONTAINER = { bridge: "docker0", subnet: "198.18.172.0/24", gateway: "198.18.172.1", address: "198.18.172.2", hostVeth: "vethctr" } as const;

/** The container's network namespace in a lab with these names. Pure. */
export function containerNs(names: Pick<LabNames, "prefix">): string {
  return `${names.prefix}-ctr`;
}

/**
 * Docker's rules as iptables-nft writes them, reduced to what decides forwarding: masquerade of the
 * bridge's subnet on the way out, and a FORWARD chain whose policy is drop, accepting only the
 * bridge's traffic and its replies. The agent's clamp must work beside exactly this. Pure.
 */
export function dockerRules(): string {
  const { bridge, subnet } = CONTAINER;
  return [
    "table ip nat {",
    "  chain POSTROUTING {",
    "    type nat hook postrouting priority srcnat; policy accept;",
    `    ip saddr ${subnet} oifname != "${bridge}" counter masquerade`,
    "  }",
    "}",
    "table ip filter {",
    "  chain DOCKER-USER {",
    "    return",
    "  }",
    "  chain FORWARD {",
    "    type filter hook forward priority filter; policy drop;",
    "    counter jump DOCKER-USER",
    `    oifname "${bridge}" ct state related,established counter accept`,
    `    iifname "${bridge}" oifname != "${bridge}" counter accept`,
    `    iifname "${bridge}" oifname "${bridge}" counter accept`,
    "  }",
    "}",
    "",
  ].join("\n");
}

/**
 * The `container` topology: a namespace behind a bridge in the wsl namespace, with masquerade out of
 * eth0 and the container's interface at 1500 (Docker's default; it does not follow WSL's MTU).
 */
export const buildContainer: ShapeBuilder = async ({ names, addNamespace }) => {
  const ctr = containerNs(names);
  const wsl = names.ns.wsl;
  const c = CONTAINER;
  // The lab owns it from here: removed with the others on destroy, also after a failed build.
  await addNamespace(ctr);
  const steps: string[][] = [
    ["ip", "-n", wsl, "link", "add", c.bridge, "type", "bridge"],
    ["ip", "-n", wsl, "addr", "add", `${c.gateway}/24`, "dev", c.bridge],
    ["ip", "-n", wsl, "link", "add", c.hostVeth, "type", "veth", "peer", "name", "eth0", "netns", ctr],
    ["ip", "-n", wsl, "link", "set", "dev", c.hostVeth, "master", c.bridge],
    ["ip", "-n", ctr, "addr", "add", `${c.address}/24`, "dev", "eth0"],
    ["ip", "-n", ctr, "link", "set", "dev", "eth0", "mtu", "1500"],
    ...[[wsl, c.bridge], [wsl, c.hostVeth], [ctr, "eth0"], [ctr, "lo"]].map(([ns = "", dev = ""]) => ["ip", "-n", ns, "link", "set", "dev", dev, "up"]),
    ["ip", "-n", ctr, "route", "add", "default", "via", c.gateway],
    ["ip", "netns", "exec", wsl, "sysctl", "-qw", "net.ipv4.ip_forward=1"],
  ];
  for (const step of steps) {
    const r = await runCommand(step, { timeoutMs: 10_000 });
    if (!r.ok) throw new EnvironmentError(`lab setup (container): ${describeFailure(r)}`);
  }
  const nft = await runCommand(["ip", "netns", "exec", wsl, "nft", "-f", "-"], { input: dockerRules(), timeoutMs: 10_000 });
  if (!nft.ok) throw new EnvironmentError(`lab setup (container): ${describeFailure(nft)}`);
  // Offloads off, as on the base lab's veths: super-packets would cross the router's size limit whole.
  for (const [ns, dev] of [[wsl, c.hostVeth], [wsl, c.bridge], [ctr, "eth0"]] as const) {
    await runCommand(["ip", "netns", "exec", ns, "ethtool", "-K", dev, "tso", "off", "gso", "off", "gro", "off"], { timeoutMs: 10_000 });
  }
  return {};
};
