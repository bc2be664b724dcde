import type { ServerResponse } from "node:http";
import { readStatus, type StatusReading } from "../../status/client.js";

/** Most live pages served at once; one more is answered 503. Each costs a socket and its buffer. */
export const MAX_LIVE_CLIENTS = 16;
/**
 * Most bytes a page may leave unread in our buffer (a few statuses: one with 256 split prefixes is
 * about 20 KB) before it is disconnected: a client that never reads would otherwise pin memory
 * that grows with every status change. A page that reconnects gets the latest status at once.
 */
export const MAX_PENDING_BYTES = 256 * 1024;

/** What the feed holds now: for `viz --live`'s own accounting and its tests. */
export interface FeedStats {
  readonly clients: number;
  /** Bytes written to clients and not yet handed to the kernel, over all clients. */
  readonly bufferedBytes: number;
  /** Status changes published so far. */
  readonly published: number;
  /** Clients disconnected for not reading. */
  readonly dropped: number;
}

/**
 * Polls the agent's status and pushes each change to the connected pages as a server-sent event.
 * Polling (not a push from the agent) keeps the agent's endpoint a plain `GET /status`.
 */
export class LiveFeed {
  private readonly clients = new Set<ServerResponse>();
  private last = "";
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private published = 0;
  private dropped = 0;

  constructor(
    private readonly socketPath: string,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    void this.poll();
  }

  /** Registers a page's event stream and sends it the latest reading at once; a 503 when full. */
  attach(res: ServerResponse): void {
    if (this.clients.size >= MAX_LIVE_CLIENTS) {
      res.writeHead(503, { "content-type": "text/plain", "retry-after": "5" });
      res.end(`too many live views open (${MAX_LIVE_CLIENTS}): close one\n`);
      return;
    }
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store", connection: "keep-alive" });
    res.write("retry: 1000\n\n");
    if (this.last !== "") res.write(this.last);
    this.clients.add(res);
    res.on("close", () => this.clients.delete(res));
  }

  stats(): FeedStats {
    let bufferedBytes = 0;
    for (const res of this.clients) bufferedBytes += res.writableLength;
    return { clients: this.clients.size, bufferedBytes, published: this.published, dropped: this.dropped };
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    for (const res of this.clients) res.end();
    this.clients.clear();
  }

  private async poll(): Promise<void> {
    const reading = await readStatus(this.socketPath);
    this.publish(reading);
    if (!this.stopped) this.timer = setTimeout(() => void this.poll(), this.intervalMs);
  }

  private publish(reading: StatusReading): void {
    const message = `event: status\ndata: ${JSON.stringify(reading)}\n\n`;
    if (message === this.last) return;
    this.last = message;
    this.published++;
    for (const res of this.clients) {
      // Backpressure: a page this far behind is not reading; it may reconnect and start afresh.
      if (res.writableLength > MAX_PENDING_BYTES) {
        this.clients.delete(res);
        this.dropped++;
        res.destroy();
      } else res.write(message);
    }
  }
}
