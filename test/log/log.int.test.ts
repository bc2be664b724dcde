import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { chooseLogMode, createLogger, formatPretty, LogFields, prefixPriority, syslogPriority } from "../../src/log/index.js";

function capture() {
  const lines: string[] = [];
  return { lines, stream: { write: (s: string) => void lines.push(s) } };
}

describe("syslog priority", () => {
  it("maps pino levels to syslog priorities", () => {
    expect([60, 50, 40, 30, 20, 10].map(syslogPriority)).toEqual([2, 3, 4, 6, 7, 7]);
  });
  it("prefixes a JSON line with its priority", () => {
    expect(prefixPriority('{"level":40,"msg":"x"}\n')).toBe('<4>{"level":40,"msg":"x"}\n');
    expect(prefixPriority("no level\n")).toBe("<6>no level\n");
  });
});

describe("chooseLogMode", () => {
  const stdout = { dev: 5, ino: 77 };
  it("journal only when JOURNAL_STREAM names our stdout", () => {
    expect(chooseLogMode({ journalStream: "5:77", isTTY: false, stdout })).toBe("journal");
    expect(chooseLogMode({ journalStream: "5:78", isTTY: false, stdout })).toBe("json");
    expect(chooseLogMode({ journalStream: "5:77", isTTY: false, stdout: null })).toBe("journal");
  });
  it("pretty on a terminal, JSON otherwise", () => {
    expect(chooseLogMode({ journalStream: undefined, isTTY: true, stdout })).toBe("pretty");
    expect(chooseLogMode({ journalStream: "", isTTY: false, stdout })).toBe("json");
  });
});

describe("createLogger", () => {
  it("json: one parseable line per record, below-level records dropped", () => {
    const { lines, stream } = capture();
    const log = createLogger({ mode: "json", level: "info", stream });
    log.debug("hidden");
    log.info({ from: "Direct", to: "Probing" }, "transition");
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? "")).toMatchObject({ level: 30, msg: "transition", from: "Direct", to: "Probing" });
  });

  it("journal: every line starts with its syslog priority", () => {
    const { lines, stream } = capture();
    const log = createLogger({ mode: "journal", level: "trace", stream });
    log.trace("t");
    log.info("i");
    log.warn("w");
    log.error("e");
    expect(lines.map((l) => l.slice(0, 3))).toEqual(["<7>", "<6>", "<4>", "<3>"]);
    expect(JSON.parse(lines[2]?.slice(3) ?? "")).toMatchObject({ msg: "w" });
  });

  it("pretty: time, level, message and fields on one line", () => {
    const { lines, stream } = capture();
    createLogger({ mode: "pretty", stream }).warn({ mtu: 1372, vpn: "Cisco AnyConnect" }, "rolled back");
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d\.\d{3} WARN {2}rolled back mtu=1372 vpn="Cisco AnyConnect"\n$/);
  });

  it("pretty formatting passes non-JSON through and shows error stacks", () => {
    expect(formatPretty("plain")).toBe("plain");
    expect(formatPretty('{"level":50,"time":0,"msg":"boom","err":{"stack":"Error: x\\n    at f"}}')).toBe("00:00:00.000 ERROR boom err=\n  Error: x\n      at f\n\n");
  });
});

describe("default mode in a real process", () => {
  const run = (arg: string) => execa(process.execPath, ["--import", "tsx", new URL("fixtures/logAndExit.ts", import.meta.url).pathname, arg], { reject: false });

  it("under systemd (JOURNAL_STREAM = our stdout) prefixes every line, and nothing is lost on exit", async () => {
    const r = await run("journal");
    expect(r.stdout.split("\n").map((l) => l.slice(0, 3))).toEqual(["<7>", "<6>", "<4>", "<3>", "<2>"]);
  });

  it("with stdout redirected away from the journal writes plain JSON", async () => {
    const r = await run("other-stream");
    const lines = r.stdout.split("\n");
    expect(lines).toHaveLength(5);
    expect(lines.map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual(["d", "i", "w", "e", "f"]);
  });
});

describe("fields for log pipelines", () => {
  it("every line carries the bindings and the moment's fields; the call's own fields win and stay last before msg", () => {
    const { lines, stream } = capture();
    const fields = new LogFields();
    const log = createLogger({ mode: "json", stream, bindings: { run: "r-1", version: "1.2.3" }, fields });
    log.info({ event: "a.first" }, "before the agent");
    fields.set(() => ({ vpn: "Cisco", iface: "eth0", mtu: 1372, gone: undefined }));
    log.info({ event: "agent.stopped", iface: "eth1", mtu: 1500 }, "agent stopped");
    const [first, second] = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(first).toMatchObject({ run: "r-1", version: "1.2.3", event: "a.first" });
    expect(first).not.toHaveProperty("vpn");
    expect(second).toMatchObject({ run: "r-1", version: "1.2.3", vpn: "Cisco", event: "agent.stopped", iface: "eth1", mtu: 1500 });
    expect(second).not.toHaveProperty("gone");
    expect(lines[1]).toMatch(/"mtu":1500,"msg":"agent stopped"/);
  });
});
