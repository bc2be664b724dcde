import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/errors.js";
import { DEFAULT_POWERSHELL, loadWatcherScript, watcherArgv } from "../../src/sources/index.js";

describe("watcherArgv", () => {
  it("runs windows.watchCommand as is", () => {
    expect(watcherArgv("ignored", { watchCommand: ["node", "w.mjs", "$(x); y"] })).toEqual(["node", "w.mjs", "$(x); y"]);
  });

  it("rejects an empty watchCommand", () => {
    expect(() => watcherArgv("", { watchCommand: [] })).toThrow(ConfigError);
  });

  it("runs the shipped script through the absolute PowerShell path as -EncodedCommand", async () => {
    const script = await loadWatcherScript();
    const argv = watcherArgv(script, { heartbeatSeconds: 15 });
    expect(argv.slice(0, 5)).toEqual([DEFAULT_POWERSHELL, "-NoLogo", "-NoProfile", "-NonInteractive", "-EncodedCommand"]);
    const decoded = Buffer.from(argv[5] ?? "", "base64").toString("utf16le");
    expect(decoded).toBe(`$HeartbeatSeconds = 15\n$CoalesceMs = 250\n${script}`);
    expect(argv.join(" ").length).toBeLessThan(32_767); // Windows' command-line limit
    expect(argv[5]).toMatch(/^[A-Za-z0-9+/=]+$/); // nothing Windows quoting could mangle
  });

  it("rejects a heartbeat that is not a positive integer", () => {
    expect(() => watcherArgv("", { heartbeatSeconds: 0.5 })).toThrow(/heartbeat seconds: must be a positive integer/);
  });
});
