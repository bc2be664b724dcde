import { execa } from "execa";
import { Observable, distinctUntilChanged } from "rxjs";
import { splitLines } from "../lines/splitLines.js";
import { readMtu } from "./linkMtu.js";

/**
 * Parses one `ip -o monitor link` line: the MTU it reports for `iface`, or null when the line is
 * about another link, a deletion, or carries no MTU. Pure.
 */
export function parseMonitorLine(line: string, iface: string): number | null {
  const m = /^(Deleted\s+)?\d+:\s+([^:@\s]+)(?:@[^:\s]+)?:.*\smtu (\d+)/.exec(line);
  if (m === null || m[1] !== undefined || m[2] !== iface) return null;
  return Number(m[3]);
}

export interface WatchOptions {
  readonly netns?: string;
}

/**
 * The interface's MTU as it changes, whoever changes it (WSL rewrites eth0's MTU on Windows
 * network changes): the current MTU on subscribe, then each change, deduplicated. The monitor
 * child is killed on unsubscribe; its death or a read failure errors the stream.
 */
export function watchMtu(iface: string, options: WatchOptions = {}): Observable<number> {
  const raw = new Observable<number>((subscriber) => {
    const argv = ["ip", "-o", "monitor", "link"];
    const [file, ...args] = options.netns === undefined ? argv : ["ip", "netns", "exec", options.netns, ...argv];
    // Start the monitor before reading, so a change between the two is not missed.
    const child = execa(file as string, args, { reject: false, buffer: false, stdin: "ignore", stderr: "ignore" });
    let closed = false;
    const read = async (): Promise<void> => {
      subscriber.next(await readMtu(iface, options));
      for await (const line of splitLines(child.stdout, 64 * 1024)) {
        const mtu = parseMonitorLine(line.bytes.toString("utf8"), iface);
        if (mtu !== null) subscriber.next(mtu);
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
  return raw.pipe(distinctUntilChanged());
}
