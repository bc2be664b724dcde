import { connect, createServer, type AddressInfo, type Server, type Socket } from "node:net";
import { afterAll } from "vitest";

/** What a fake proxy does with one client: write bytes (each chunk its own write), tunnel, or hang up. */
export type FakeBehaviour = { readonly send: readonly (string | Buffer)[]; readonly then?: "close" | "tunnel" | "wait" } | { readonly reset: true };

/** Loopback fake proxies (127.0.0.1, an ephemeral port), closed when the file is done. */
export function useFakeProxies(): (behaviour: FakeBehaviour, tunnelTo?: number) => Promise<{ port: number; connections: () => number }> {
  const servers: Server[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  });
  return async (behaviour, tunnelTo) => {
    let connections = 0;
    const server = createServer((client: Socket) => {
      connections++;
      client.on("error", () => client.destroy());
      // Answer once the CONNECT head has arrived, as a proxy does.
      let head = "";
      client.on("data", function onData(chunk: Buffer) {
        head += chunk.toString("latin1");
        if (!head.includes("\r\n\r\n")) return;
        client.off("data", onData);
        if ("reset" in behaviour) {
          client.resetAndDestroy();
          return;
        }
        for (const part of behaviour.send) client.write(part);
        if (behaviour.then === "close") client.end();
        if (behaviour.then === "tunnel" && tunnelTo !== undefined) {
          const up = connect({ host: "127.0.0.1", port: tunnelTo });
          up.on("error", () => client.destroy());
          client.on("close", () => up.destroy());
          up.on("close", () => client.destroy());
          client.pipe(up);
          up.pipe(client);
        }
      });
    });
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    return { port: (server.address() as AddressInfo).port, connections: () => connections };
  };
}
