import { BlockList, createServer, connect, isIP, type Server, type Socket } from "node:net";
import { STATUS_CODES } from "node:http";

export interface ProxyServeOptions {
  /** Address the proxy listens on (inside its namespace). */
  readonly host: string;
  /** The port that tunnels (answers CONNECT with 200 and relays). */
  readonly tunnelPort: number;
  /** Ports that answer every CONNECT with this status instead (407, 403, ...), as a proxy that refuses does. */
  readonly answers: ReadonlyMap<number, number>;
}

const MAX_HEAD = 8192;
/** The proxy only opens tunnels inside the lab's addresses: it can never carry traffic anywhere else. */
const LAB = new BlockList();
LAB.addSubnet("198.18.0.0", 15, "ipv4");

/** The target of a CONNECT request head, or null when it is not one the lab proxy serves. Pure. */
export function connectTarget(head: string): { host: string; port: number } | null {
  const m = /^CONNECT (\d{1,3}(?:\.\d{1,3}){3}):(\d{1,5}) HTTP\/1\.[01]\r?\n/.exec(head);
  if (m === null) return null;
  const [, host = "", port = ""] = m;
  return isIP(host) === 4 && LAB.check(host, "ipv4") && Number(port) >= 1 && Number(port) <= 65_535 ? { host, port: Number(port) } : null;
}

function answer(socket: Socket, status: number): void {
  const extra = status === 407 ? 'Proxy-Authenticate: Basic realm="wsl-vpn-agent lab"\r\n' : "";
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ""}\r\n${extra}Content-Length: 0\r\nConnection: close\r\n\r\n`);
}

/** Reads one CONNECT head (bounded), then answers with `fixed` or opens the tunnel. */
function handle(client: Socket, fixed: number | undefined): void {
  let head = Buffer.alloc(0);
  client.on("error", () => client.destroy());
  const onData = (chunk: Buffer): void => {
    head = Buffer.concat([head, chunk]);
    const end = head.indexOf("\r\n\r\n");
    if (end < 0) {
      if (head.length > MAX_HEAD) answer(client, 431);
      return;
    }
    client.off("data", onData);
    client.pause();
    if (fixed !== undefined) return answer(client, fixed);
    const target = connectTarget(head.toString("latin1", 0, end + 2));
    if (target === null) return answer(client, 403);
    const upstream = connect(target);
    upstream.once("error", () => (client.writable ? answer(client, 502) : client.destroy()));
    upstream.once("connect", () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      const rest = head.subarray(end + 4);
      if (rest.length > 0) upstream.write(rest);
      client.pipe(upstream).on("error", () => client.destroy());
      upstream.pipe(client).on("error", () => upstream.destroy());
      client.resume();
      // A reset from either side ends both: the probes reset their connections on purpose.
      client.on("close", () => upstream.destroy());
      upstream.on("close", () => client.destroy());
    });
  };
  client.on("data", onData);
}

/** The lab's HTTP CONNECT proxy (runs in the server's namespace). Prints `listening PORT...` when ready. */
export async function serveProxy(o: ProxyServeOptions): Promise<Server[]> {
  const ports: Array<[number, number | undefined]> = [[o.tunnelPort, undefined], ...o.answers];
  const servers = await Promise.all(
    ports.map(
      ([port, fixed]) =>
        new Promise<Server>((resolve, reject) => {
          const s = createServer((c) => handle(c, fixed));
          s.once("error", reject);
          s.listen(port, o.host, () => resolve(s));
        }),
    ),
  );
  process.stdout.write(`listening ${ports.map(([p]) => p).join(" ")}\n`);
  const stop = (): void => {
    for (const s of servers) s.close();
    process.exit(0);
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
  return servers;
}
