import { readFile } from "node:fs/promises";

export interface SimWindowsOptions {
  /** File holding the snapshot line(s) Windows would print now; rewrite it to change the network. */
  readonly file: string;
  readonly pollMs?: number;
  readonly heartbeatMs?: number;
  readonly out?: NodeJS.WritableStream;
}

/**
 * A stand-in for the PowerShell watcher, for the lab and the tests: prints the snapshot file's
 * lines at start, again whenever the file changes, and as a heartbeat; exits when stdin closes,
 * as the real watcher does.
 */
export async function runSimulatedWindows(o: SimWindowsOptions): Promise<void> {
  const out = o.out ?? process.stdout;
  let last: string | null = null;
  const emit = (text: string): void => {
    for (const line of text.split("\n")) if (line.trim() !== "") out.write(`${line.trim()}\n`);
  };
  const poll = async (): Promise<void> => {
    const text = await readFile(o.file, "utf8").catch(() => null);
    if (text !== null && text !== last) {
      last = text;
      emit(text);
    }
  };
  await poll();
  const timers = [
    setInterval(() => void poll(), o.pollMs ?? 100),
    setInterval(() => last !== null && emit(last), o.heartbeatMs ?? 30_000),
  ];
  await new Promise<void>((resolve) => {
    process.stdin.on("end", resolve);
    process.stdin.on("close", resolve);
    process.stdin.resume();
  });
  for (const t of timers) clearInterval(t);
}

/**
 * The snapshot line of a Windows with (or without) one VPN adapter up, for the lab and tests. A VPN
 * with `routes` is a split tunnel: it reports those prefixes and Wi-Fi keeps the default route. Pure.
 */
export function snapshotLine(vpn: { name: string; description: string; mtu: number; routes?: readonly string[] } | null): string {
  const split = vpn?.routes !== undefined;
  const wifi = { name: "Wi-Fi", description: "Intel(R) Wi-Fi 6 AX201 160MHz", status: "Up", mtu: 1500, defaultRoute: vpn === null || split, metric: 35 };
  if (vpn === null) return JSON.stringify({ adapters: [wifi] });
  const { routes, ...adapter } = vpn;
  const carried = routes === undefined ? { defaultRoute: true } : { defaultRoute: false, routes: routes.map((prefix) => ({ prefix, metric: 1 })) };
  return JSON.stringify({ adapters: [wifi, { ...adapter, status: "Up", metric: 1, virtual: true, ...carried }] });
}
