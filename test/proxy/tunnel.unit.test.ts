import { createServer as createTlsServer } from "node:https";
import { createServer, type AddressInfo } from "node:net";
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeCertificate } from "../../src/lab/labServer.js";
import { tcpReachable } from "../../src/probe/target.js";
import { tlsProbe, type Target } from "../../src/probe/tlsProbe.js";
import { proxyRefusalIn } from "../../src/proxy/tunnel.js";
import { useTmpDir } from "../support/tmp.js";
import { useFakeProxies } from "./fakeProxy.js";

const fake = useFakeProxies();
const tmp = useTmpDir();
const through = (port: number, targetPort = 443): Target => ({
  address: "127.0.0.1",
  port,
  tunnel: { authority: `127.0.0.1:${targetPort}`, proxy: `127.0.0.1:${port}` },
  hostHeader: "127.0.0.1",
  path: "/",
});

describe("CONNECT through a proxy that turns the connection away", () => {
  it.each([
    ["407", { send: ['HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="corp"\r\n\r\n'], then: "close" }, "answered 407 Proxy Authentication Required"],
    ["403 split across writes", { send: ["HTTP/1.", "1 403 Forbidden\r", "\nVia: corp\r\n", "\r\n"], then: "close" }, "answered 403 Forbidden"],
    ["403 without a phrase, left open", { send: ["HTTP/1.1 403\r\n\r\n"], then: "wait" }, "answered 403 Forbidden"],
    ["garbage", { send: ["SSH-2.0-OpenSSH_9.6\r\n"], then: "wait" }, "did not answer CONNECT with HTTP (it sent SSH-2.0-OpenSSH_9.6\\r\\n)"],
    ["an endless header", { send: [`HTTP/1.1 200 OK\r\n${"X-Pad: aaaaaaaaaaaaaaaaaaaaaaa\r\n".repeat(2000)}`], then: "wait" }, "sent more than 8192 bytes without ending its answer's header"],
    ["a hang-up", { send: [], then: "close" }, "closed the connection before answering CONNECT"],
    ["a reset", { reset: true }, "closed the connection before answering CONNECT (ECONNRESET)"],
  ] as const)("%s: a failure naming the proxy, before and during a probe", async (_name, behaviour, said) => {
    const { port } = await fake(behaviour);
    const reason = `proxy 127.0.0.1:${port} ${said}`;
    expect(await tcpReachable(through(port), 2000)).toEqual({ ok: false, reason });
    const attempt = await tlsProbe(through(port), 0, 2000);
    expect(attempt).toMatchObject({ pass: false, reason });
    // What makes a probe fail as a whole instead of counting the size as black-holed.
    expect(proxyRefusalIn(attempt.reason)).toBe(reason);
  });

  it("a closed proxy port: refused, named", async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((r) => probe.close(r));
    const reason = `proxy 127.0.0.1:${port} refused the connection (ECONNREFUSED)`;
    expect(await tcpReachable(through(port), 2000)).toEqual({ ok: false, reason });
    expect(await tlsProbe(through(port), 0, 2000)).toMatchObject({ pass: false, reason });
  });

  it("a proxy that never answers: a timeout, not a refusal (the caller decides)", async () => {
    const { port } = await fake({ send: [], then: "wait" });
    const r = await tcpReachable(through(port), 300);
    expect(r).toEqual({ ok: false, reason: `no answer to CONNECT 127.0.0.1:443 from proxy 127.0.0.1:${port} within 300 ms` });
    const attempt = await tlsProbe(through(port), 0, 300);
    expect(attempt.reason).toBe("timeout in proxy CONNECT after 300 ms");
    expect(proxyRefusalIn(attempt.reason)).toBeUndefined();
  });
});

describe("CONNECT through a proxy that tunnels", () => {
  let httpsPort = 0;
  let close: () => Promise<void> = () => Promise.resolve();
  beforeAll(async () => {
    const files = await makeCertificate(await tmp(), "127.0.0.1");
    const server = createTlsServer({ cert: await readFile(files.certFile), key: await readFile(files.keyFile) }, (req, res) => {
      req.resume();
      req.on("end", () => res.writeHead(200, { connection: "close" }).end("x".repeat(12 * 1024)));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    httpsPort = (server.address() as AddressInfo).port;
    close = () => new Promise((r) => server.close(() => r()));
  });
  afterAll(() => close());

  it("the probe's TLS request and answer cross the tunnel, answer split or not", async () => {
    for (const send of [["HTTP/1.1 200 Connection established\r\n\r\n"], ["HTTP/1.0 2", "00 OK\r\nProxy-Agent: fake\r\n", "\r\n"]]) {
      const { port, connections } = await fake({ send, then: "tunnel" }, httpsPort);
      expect(await tcpReachable(through(port, httpsPort), 2000)).toEqual({ ok: true });
      expect(await tlsProbe(through(port, httpsPort), 0, 5000)).toMatchObject({ pass: true });
      expect(connections()).toBe(2);
    }
  });
});
