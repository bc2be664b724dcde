/** Namespace names, interfaces and addresses of one lab. Everything lives in 198.18.0.0/15. */
export interface LabNames {
  readonly prefix: string;
  readonly ns: { readonly wsl: string; readonly router: string; readonly server: string };
  /** The agent's interface inside the wsl namespace. */
  readonly iface: "eth0";
  readonly addresses: { readonly wsl: string; readonly routerWsl: string; readonly routerServer: string; readonly server: string };
}

/** A fresh per-run prefix, so parallel labs never collide. */
export function randomPrefix(): string {
  return `wva${Math.random().toString(36).slice(2, 7)}`;
}

/** Names for a lab with this prefix. Pure. */
export function labNames(prefix: string): LabNames {
  return {
    prefix,
    ns: { wsl: `${prefix}-wsl`, router: `${prefix}-rtr`, server: `${prefix}-srv` },
    iface: "eth0",
    addresses: { wsl: "198.18.0.2", routerWsl: "198.18.0.1", routerServer: "198.19.0.1", server: "198.19.0.2" },
  };
}

export type LabSide = keyof LabNames["ns"];

/** The router's nftables rules: drop the ICMP errors it would send (the black hole), and the options. Pure. */
export function routerRules(o: { readonly tcpLimit?: number; readonly blockIcmpEcho?: boolean }): string {
  const fwd = [
    o.tcpLimit === undefined ? "" : `    meta l4proto tcp ip length > ${o.tcpLimit} drop`,
    o.blockIcmpEcho === true ? "    icmp type echo-request drop" : "",
  ].filter((l) => l !== "");
  return [
    "table inet lab {",
    "  chain lab_out {",
    "    type filter hook output priority 0; policy accept;",
    "    icmp type destination-unreachable drop",
    "  }",
    "  chain lab_forward {",
    "    type filter hook forward priority 0; policy accept;",
    "    icmp type destination-unreachable drop",
    ...fwd,
    "  }",
    "}",
    "",
  ].join("\n");
}
