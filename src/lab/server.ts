import { readFile } from "node:fs/promises";
import { createServer } from "node:https";

export interface ServeOptions {
  readonly port: number;
  readonly certFile: string;
  readonly keyFile: string;
  /** Exit (the server is "gone") when a request with this User-Agent prefix arrives. */
  readonly quitOnUserAgent?: string;
}

/** Several KB of response: full-size segments towards the client at every MTU in range. */
const BODY = Buffer.alloc(12 * 1024, "lab-server ");

/** `?bytes=N` (up to 64 MiB) asks for a larger download than the default body. Pure. */
export function bodyFor(url: string | undefined): Buffer {
  const asked = /[?&]bytes=(\d{1,8})(?:&|$)/.exec(url ?? "")?.[1];
  const n = asked === undefined ? NaN : Number(asked);
  return Number.isInteger(n) && n <= 64 * 1024 * 1024 ? Buffer.alloc(n, "lab-server ") : BODY;
}

/** The lab's HTTPS server (runs inside the server namespace). Prints `listening PORT` when ready. */
export async function serveLab(o: ServeOptions): Promise<void> {
  const server = createServer({ cert: await readFile(o.certFile), key: await readFile(o.keyFile) }, (req, res) => {
    const ua = req.headers["user-agent"] ?? "";
    if (o.quitOnUserAgent !== undefined && ua.startsWith(o.quitOnUserAgent)) {
      req.socket.destroy();
      process.exit(0);
    }
    req.resume(); // read the request to its end: the probe's upload must cross the path too
    req.on("end", () => res.writeHead(200, { "content-type": "text/plain", connection: "close" }).end(bodyFor(req.url)));
  });
  await new Promise<void>((resolve) => server.listen(o.port, "0.0.0.0", resolve));
  process.stdout.write(`listening ${o.port}\n`);
  const stop = (): void => {
    server.close();
    process.exit(0);
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}
