import { connect, type Socket } from "node:net";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { AgentStatus } from "../../src/status/contract.js";
import { serveStatus } from "../../src/status/server.js";
import { MAX_LIVE_CLIENTS, MAX_PENDING_BYTES } from "../../src/viz/live/feed.js";
import { serveLive } from "../../src/viz/live/serve.js";
import { pollUntil } from "../support/pollUntil.js";
import { useTmpDir } from "../support/tmp.js";

const tmp = useTmpDir();

/** A status that changes at every read and is large (a VPN with a long description), so every poll publishes a big event. */
function growingStatus(): () => AgentStatus {
  let uptimeS = 0;
  return () => ({
    state: "Applied.steady",
    vpn: { name: "Ethernet 3", description: "d".repeat(1024), mtuHint: 1400 },
    interface: "eth0",
    mtu: 1372,
    baseline: 1500,
    appliedMtu: 1372,
    lastError: "e".repeat(16_000),
    lastProbe: null,
    counters: { badWatcherLines: 0, watcherRestarts: 0, rollbacks: 0, events: 1 },
    watcher: { running: true, restarts: 0, snapshots: 1, badLines: 0, lastBadLine: null, lastError: null, nextRestartMs: null },
    dryRun: false,
    startedAt: "2026-11-25T09:59:00.000Z",
    uptimeS: uptimeS++,
    pid: 4242,
    journal: "/var/lib/wsl-vpn-agent/journal.jsonl",
    recent: [],
  });
}

/** A client that asks for the event stream and then never reads a byte. */
function stalledClient(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => {
      socket.pause();
      socket.write(`GET /events HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
      resolve(socket);
    });
    socket.once("error", reject);
  });
}

describe("viz --live under clients that do not read", () => {
  it("caps its clients and drops the ones that stop reading: what it buffers stays bounded", async () => {
    const dir = await tmp();
    const agent = await serveStatus(join(dir, "status.sock"), growingStatus());
    const live = await serveLive({ port: 0, socketPath: join(dir, "status.sock"), intervalMs: 5 });
    const port = Number(new URL(live.url).port);
    const sockets: Socket[] = [];
    try {
      for (let i = 0; i < 20; i++) sockets.push(await stalledClient(port));
      await pollUntil(() => live.stats(), (s) => s.clients + s.dropped >= MAX_LIVE_CLIENTS, { timeoutMs: 30_000, failure: (s) => `clients never attached: ${JSON.stringify(s)}` });
      // Beyond the cap, a client is answered 503 at once.
      expect(live.stats().clients + live.stats().dropped).toBe(MAX_LIVE_CLIENTS);
      // One event is about 17 KB; the bound holds MAX_PENDING_BYTES and one more event per client.
      const bound = MAX_LIVE_CLIENTS * (MAX_PENDING_BYTES + 20_000);
      let most = 0;
      // Until every stalled client is gone, or the buffer passed its bound (never, with backpressure).
      const end = await pollUntil(
        () => live.stats(),
        (s) => {
          most = Math.max(most, s.bufferedBytes);
          return s.clients === 0 || s.bufferedBytes > bound;
        },
        { timeoutMs: 120_000, intervalMs: 20, failure: (s) => `stalled clients still attached: ${JSON.stringify(s)}` },
      );
      expect(most).toBeLessThanOrEqual(bound);
      expect(end).toMatchObject({ clients: 0, dropped: MAX_LIVE_CLIENTS });
    } finally {
      for (const s of sockets) s.destroy();
      await live.close();
      await agent.close();
    }
  });
});
