import { EnvironmentError } from "../errors.js";
import { runCommand, describeFailure } from "../effects/run.js";
import { routerRules, type LabNames } from "./names.js";

/** Creates (through `addNamespace`, which records what this lab owns) the namespaces, veth links, addresses, routes and router rules of a lab. Throws on the first failure. */
export async function buildTopology(
  n: LabNames,
  o: { readonly linkMtu: number; readonly tcpLimit?: number; readonly blockIcmpEcho?: boolean; readonly wslNetnsOf?: number },
  addNamespace: (ns: string, netnsOf?: number) => Promise<void>,
): Promise<void> {
  const { wsl, router, server } = n.ns;
  const a = n.addresses;
  await addNamespace(wsl, o.wslNetnsOf);
  await addNamespace(router);
  await addNamespace(server);
  const steps: string[][] = [
    ["ip", "-n", wsl, "link", "add", "eth0", "type", "veth", "peer", "name", "to-wsl", "netns", router],
    ["ip", "-n", server, "link", "add", "eth0", "type", "veth", "peer", "name", "to-srv", "netns", router],
    ["ip", "-n", wsl, "addr", "add", `${a.wsl}/24`, "dev", "eth0"],
    ["ip", "-n", router, "addr", "add", `${a.routerWsl}/24`, "dev", "to-wsl"],
    ["ip", "-n", router, "addr", "add", `${a.routerServer}/24`, "dev", "to-srv"],
    ["ip", "-n", server, "addr", "add", `${a.server}/24`, "dev", "eth0"],
    // The black hole: the router's link to the server is narrower than everything around it.
    ["ip", "-n", router, "link", "set", "dev", "to-srv", "mtu", String(o.linkMtu)],
  ];
  for (const [ns, dev] of [[wsl, "eth0"], [router, "to-wsl"], [router, "to-srv"], [server, "eth0"], [wsl, "lo"], [router, "lo"], [server, "lo"]] as const) {
    steps.push(["ip", "-n", ns, "link", "set", "dev", dev, "up"]);
  }
  steps.push(
    ["ip", "-n", wsl, "route", "add", "default", "via", a.routerWsl],
    ["ip", "-n", server, "route", "add", "default", "via", a.routerServer],
    ["ip", "netns", "exec", router, "sysctl", "-qw", "net.ipv4.ip_forward=1"],
  );
  for (const step of steps) {
    const r = await runCommand(step, { timeoutMs: 10_000 });
    if (!r.ok) throw new EnvironmentError(`lab setup: ${describeFailure(r)}`);
  }
  const nft = await runCommand(["ip", "netns", "exec", router, "nft", "-f", "-"], { input: routerRules(o), timeoutMs: 10_000 });
  if (!nft.ok) throw new EnvironmentError(`lab setup: ${describeFailure(nft)}`);
  // Offloads off: otherwise GSO super-packets cross the veths whole and size limits misfire.
  for (const [ns, dev] of [[wsl, "eth0"], [router, "to-wsl"], [router, "to-srv"], [server, "eth0"]] as const) {
    await runCommand(["ip", "netns", "exec", ns, "ethtool", "-K", dev, "tso", "off", "gso", "off", "gro", "off"], { timeoutMs: 10_000 });
  }
}
