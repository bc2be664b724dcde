import { watch } from "node:fs";
import { readFile } from "node:fs/promises";
import { basename, dirname } from "node:path";

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
  const read = async (): Promise<void> => {
    const text = await readFile(o.file, "utf8").catch(() => null);
    if (text !== null && text !== last) {
      last = text;
      emit(text);
    }
  };
  // One read at a time: two overlapping reads could finish out of order and print the older text last.
  let reading = Promise.resolve();
  const poll = (): Promise<void> => (reading = reading.then(read));
  await poll();
  // Windows' watcher prints on the event itself: react to the file's change at once, as it does
  // (the poll stays as a fallback, e.g. for file systems without inotify).
  const watcher = watchFile(o.file, () => void poll());
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
  watcher?.close();
}

/** Calls `onChange` when `file` is written or replaced (its directory is watched); null when watching is not possible. */
function watchFile(file: string, onChange: () => void): { close(): void } | null {
  try {
    const w = watch(dirname(file), (_event, name) => {
      if (name === null || name === basename(file)) onChange();
    });
    w.on("error", () => w.close());
    return w;
  } catch {
    return null;
  }
}

/** A VPN adapter as the simulated Windows shows it. */
export interface SimAdapter {
  readonly name: string;
  readonly description: string;
  readonly mtu: number;
  /** A split tunnel's prefixes (the adapter's routes); absent: a full tunnel that owns the default route. */
  readonly routes?: readonly string[];
}

/**
 * The snapshot line of a Windows with no VPN, one, or several up at once (any combination, in the
 * order given). A VPN with `routes` reports those prefixes (a split tunnel, or a full one when they
 * are 0.0.0.0/1 + 128.0.0.0/1); one without owns the default route. Wi-Fi keeps the default route
 * unless a VPN owns it. Pure.
 */
export function snapshotLine(vpns: SimAdapter | readonly SimAdapter[] | null): string {
  const list: readonly SimAdapter[] = vpns === null ? [] : isList(vpns) ? vpns : [vpns];
  const fullTunnel = list.some((v) => v.routes === undefined);
  const wifi = { name: "Wi-Fi", description: "Intel(R) Wi-Fi 6 AX201 160MHz", status: "Up", mtu: 1500, defaultRoute: !fullTunnel, metric: 35 };
  const adapters = list.map(({ routes, ...adapter }) => {
    const carried = routes === undefined ? { defaultRoute: true } : { defaultRoute: false, routes: routes.map((prefix) => ({ prefix, metric: 1 })) };
    return { ...adapter, status: "Up", metric: 1, virtual: true, ...carried };
  });
  return JSON.stringify({ adapters: [wifi, ...adapters] });
}

function isList(v: SimAdapter | readonly SimAdapter[]): v is readonly SimAdapter[] {
  return Array.isArray(v);
}
