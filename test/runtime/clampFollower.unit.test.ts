import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Logger } from "../../src/log/index.js";
import { createClampFollower } from "../../src/runtime/clampFollower.js";

/** A logger that keeps what it was told, by level. */
function recorder(): { log: Logger; lines: Array<[string, string]> } {
  const lines: Array<[string, string]> = [];
  const at = (level: string) => (a: unknown, b?: string): void => void lines.push([level, typeof a === "string" ? a : (b ?? "")]);
  const log = { info: at("info"), warn: at("warn"), error: at("error"), debug: at("debug") } as unknown as Logger;
  return { log, lines };
}

describe("the clamp follower without nft installed", () => {
  const path = process.env.PATH;
  beforeEach(() => {
    process.env.PATH = "/nonexistent";
  });
  afterEach(() => {
    process.env.PATH = path;
  });

  it("start-up cleanup and restores stay quiet; the first apply that wants a clamp warns once, naming the way out", async () => {
    const { log, lines } = recorder();
    const clamp = createClampFollower({ enabled: true, dryRun: false, log, baselineMtu: () => 1500 });
    await clamp.remove("start");
    await clamp.afterApply({ iface: "eth0", mtu: 1500, reason: "restore" });
    expect(lines).toEqual([]);
    await clamp.afterApply({ iface: "eth0", mtu: 1372, reason: "apply" });
    await clamp.afterApply({ iface: "eth0", mtu: 1372, reason: "apply" });
    expect(lines).toEqual([["warn", expect.stringMatching(/nft is not installed.*forward\.clampMss to false/)]]);
    await clamp.remove("stop");
    expect(lines).toHaveLength(1);
  });

  it("forward.clampMss false never asks for a clamp, so says nothing", async () => {
    const { log, lines } = recorder();
    const clamp = createClampFollower({ enabled: false, dryRun: false, log, baselineMtu: () => 1500 });
    await clamp.afterApply({ iface: "eth0", mtu: 1372, reason: "apply" });
    expect(lines).toEqual([]);
  });

  it("a name nft text cannot hold is refused with a warning, nothing run", async () => {
    const { log, lines } = recorder();
    const clamp = createClampFollower({ enabled: true, dryRun: false, log, baselineMtu: () => 1500 });
    await clamp.afterApply({ iface: 'eth0"x', mtu: 1372, reason: "apply" });
    expect(lines).toEqual([["warn", expect.stringMatching(/MSS clamp not set: interface name "eth0\\"x" cannot be written/)]]);
  });
});
