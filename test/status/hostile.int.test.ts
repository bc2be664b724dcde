import { join } from "node:path";
import type { Socket } from "node:net";
import { describe, expect, it } from "vitest";
import { runCliProcess } from "../support/cli.js";
import { useTmpDir } from "../support/tmp.js";
import { fakeStatusServer, httpAnswer } from "./fakeStatusServer.js";

// `status` against servers built to hurt (REPRO 1-4): bounded in time and size, one line, exit
// 69 for an answer that is not a status, and whatever it prints escaped.
const tmp = useTmpDir();

const good = {
  state: "Applied.steady",
  dryRun: false,
  vpn: { name: "Ethernet 3", description: "d", mtuHint: 1400 },
  interface: "eth0",
  mtu: 1400,
  baseline: 1500,
  appliedMtu: 1400,
  lastProbe: null,
  lastError: null,
  watcher: { running: true, lastError: null },
  counters: { rollbacks: 0, watcherRestarts: 0, badWatcherLines: 0, events: 1 },
  uptimeS: 1,
  pid: 1,
  journal: "/j",
  recent: [],
};

async function statusAgainst(answer: (s: Socket) => void, ...flags: string[]) {
  const socket = join(await tmp(), "s.sock");
  const server = await fakeStatusServer(socket, answer);
  try {
    return { ...(await runCliProcess(["status", "--socket", socket, ...flags])), socket };
  } finally {
    await server.close();
  }
}

// eslint-disable-next-line no-control-regex -- control characters are what must not be printed
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/;

describe("status against a hostile server", () => {
  it("gives up after its time limit on a server that sends a byte at a time (exit 69: something holds the socket)", async () => {
    const r = await statusAgainst((s) => {
      s.write("HTTP/1.1 200 OK\r\ncontent-length: 100000\r\n\r\n{");
      const t = setInterval(() => s.write(" "), 300);
      s.on("close", () => clearInterval(t));
    });
    expect(r.stderr).toBe(`wsl-vpn-agent: the agent on ${r.socket} gave no usable status: no complete answer within 2000 ms`);
    expect(r.code).toBe(69);
  });

  it("gives up on dripping headers too", async () => {
    const r = await statusAgainst((s) => {
      const t = setInterval(() => s.write("x-a: b\r\n".slice(0, 1)), 300);
      s.write("HTTP/1.1 200 OK\r\n");
      s.on("close", () => clearInterval(t));
    });
    expect(r.code).toBe(69);
    expect(r.stderr).toMatch(/no complete answer within 2000 ms/);
  });

  it("refuses a reply declared larger than the limit without reading it", async () => {
    const r = await statusAgainst((s) => s.write(`HTTP/1.1 200 OK\r\ncontent-length: ${600 * 2 ** 20}\r\n\r\n{"state":"x",`));
    expect(r.stderr).toBe(`wsl-vpn-agent: the agent on ${r.socket} gave no usable status: status reply larger than 1048576 bytes`);
    expect(r.code).toBe(69);
  });

  it("cuts off a chunked reply at the limit", async () => {
    const r = await statusAgainst((s) => {
      s.write('HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n');
      const chunk = Buffer.alloc(64 * 1024, 32);
      const more = (): void => {
        while (!s.destroyed && s.write(`${chunk.length.toString(16)}\r\n${chunk.toString()}\r\n`));
        if (!s.destroyed) s.once("drain", more);
      };
      more();
    });
    expect(r.stderr).toMatch(/status reply larger than 1048576 bytes$/);
    expect(r.code).toBe(69);
  });

  it.each([
    ["a status without most fields", '{"state":"X"}', /breaks the contract: vpn: expected an object, got nothing/],
    ["a null watcher", JSON.stringify({ ...good, watcher: null }), /breaks the contract: watcher: expected an object, got null$/],
    ["a number for lastProbe", JSON.stringify({ ...good, lastProbe: 5 }), /breaks the contract: lastProbe: expected an object, got 5$/],
    ["a last probe without evidence", JSON.stringify({ ...good, lastProbe: { ok: false, at: "t", reason: "r" } }), /breaks the contract: lastProbe\.evidence: expected an object, got nothing$/],
    ["a __proto__ key", JSON.stringify(good).replace('{"state"', '{"__proto__":{"vpn":null},"state"'), null],
    ["bytes that are not UTF-8", Buffer.concat([Buffer.from('{"state":"'), Buffer.from([0xff]), Buffer.from('"}')]), /status reply is not UTF-8$/],
    ["deeply nested JSON", `{"state":"x","vpn":null,"extra":${"[".repeat(100_000)}${"]".repeat(100_000)}}`, /status reply nested deeper than 32 levels$/],
    ["not JSON", "<html>", /status reply is not JSON$/],
  ])("%s: one line, no internal error, as text and as JSON", async (_, body, problem) => {
    for (const flags of [[], ["--json"]]) {
      const r = await statusAgainst((s) => s.end(httpAnswer(body)), ...flags);
      expect(r.stderr).not.toMatch(/internal error/);
      if (problem === null) {
        expect(r.code).toBe(0);
        expect(r.stdout).not.toMatch(/undefined/);
      } else {
        expect(r.stderr.split("\n")).toHaveLength(1);
        expect(r.stderr).toMatch(problem);
        expect(r.code).toBe(69);
      }
    }
  });

  it("prints an adapter name with terminal sequences and a newline escaped, on its own row", async () => {
    const evil = "\u001b]0;PWNED\u0007\u001b[31mRED\u009b\u2028\nstate       Direct.idle";
    const body = JSON.stringify({ ...good, vpn: { name: evil, description: "d", mtuHint: 1400 }, lastError: evil });
    const text = await statusAgainst((s) => s.end(httpAnswer(body)));
    expect(text.code).toBe(0);
    expect(text.stdout).not.toMatch(CONTROL);
    expect(text.stdout.match(/^state /gm)).toHaveLength(1);
    expect(text.stdout).toContain("vpn         \\x1b]0;PWNED\\x07\\x1b[31mRED\\x9b\\u2028\\nstate       Direct.idle (d), Windows MTU 1400");
    const json = await statusAgainst((s) => s.end(httpAnswer(body)), "--json");
    expect(json.stdout).not.toMatch(CONTROL);
    expect(JSON.parse(json.stdout).vpn.name).toBe(evil);
  });
});
