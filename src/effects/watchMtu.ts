import { execa } from "execa";
import { Observable, distinctUntilChanged, filter, map } from "rxjs";
import { splitLines } from "../lines/splitLines.js";
import { readMtu } from "./linkMtu.js";

/** A link's MTU as `ip monitor link` reports it. */
export interface LinkMtu {
  readonly name: string;
  readonly mtu: number;
}

/** Parses one `ip -o monitor link` line: the link and MTU it reports, or null for a deletion or a line without an MTU. Pure. */
export function parseMonitorLink(line: string): LinkMtu | null {
  const m = /^(Deleted\s+)?\d+:\s+([^:@\s]+)(?:@[^:\s]+)?:.*\smtu (\d+)/.exec(line);
  if (m === null || m[1] !== undefined || m[2] === undefined) return null;
  return { name: m[2], mtu: Number(m[3]) };
}

/** The MTU one `ip -o monitor link` line reports for `iface`, or null when it is about another link, a deletion, or carries no MTU. Pure. */
export function parseMonitorLine(line: string, iface: string): number | null {
  const link = parseMonitorLink(line);
  return link === null || link.name !== iface ? null : link.mtu;
}

export interface WatchOptions {
  readonly netns?: string;
}

/**
 * Every link's MTU as it changes, whoever changes it (WSL rewrites eth0's MTU on Windows network
 * changes; mirrored networking adds and changes an interface per Windows adapter): `first`'s current
 * MTU on subscribe, then each change, deduplicated per link. The monitor child is killed on
 * unsubscribe; its death or a read failure errors the stream.
 */
export function watchLinkMtus(first: string, options: WatchOptions = {}): Observable<LinkMtu> {
  return new Observable<LinkMtu>((subscriber) => {
    const argv = ["ip", "-o", "monitor", "link"];
    const [file, ...args] = options.netns === undefined ? argv : ["ip", "netns", "exec", options.netns, ...argv];
    // Start the monitor before reading, so a change between the two is not missed.
    const child = execa(file as string, args, { reject: false, buffer: false, stdin: "ignore", stderr: "ignore" });
    let closed = false;
    const last = new Map<string, number>();
    const next = (link: LinkMtu): void => {
      if (last.get(link.name) === link.mtu) return;
      last.set(link.name, link.mtu);
      subscriber.next(link);
    };
    const read = async (): Promise<void> => {
      next({ name: first, mtu: await readMtu(first, options) });
      for await (const line of splitLines(child.stdout, 64 * 1024)) {
        const link = parseMonitorLink(line.bytes.toString("utf8"));
        if (link !== null) next(link);
      }
      if (!closed) subscriber.error(new Error(`\`${argv.join(" ")}\` ended unexpectedly`));
    };
    read().catch((error: unknown) => {
      if (!closed) subscriber.error(error);
    });
    return () => {
      closed = true;
      child.kill("SIGTERM");
    };
  });
}

/** One interface's MTU as it changes: its current MTU on subscribe, then each change, deduplicated. */
export function watchMtu(iface: string, options: WatchOptions = {}): Observable<number> {
  return watchLinkMtus(iface, options).pipe(
    filter((l) => l.name === iface),
    map((l) => l.mtu),
    distinctUntilChanged(),
  );
}
