import { mkdir, readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/log/index.js";
import { TextfileWriter } from "../../src/metrics/textfileWriter.js";
import { pollUntil } from "../support/pollUntil.js";
import { useTmpDir } from "../support/tmp.js";

const tmp = useTmpDir();

function capture() {
  const lines: Record<string, unknown>[] = [];
  const log = createLogger({ mode: "json", stream: { write: (s: string) => void lines.push(JSON.parse(s) as Record<string, unknown>) } });
  return { lines, log };
}

describe("TextfileWriter", () => {
  it("writes the file mode 0644 whatever the umask, leaves no temp file, and rewrites it when the text changes", async () => {
    const dir = await tmp();
    const path = join(dir, "wsl_vpn_agent.prom");
    let text = "a 1\n";
    const old = process.umask(0o077);
    try {
      const w = new TextfileWriter({ path, render: () => text, intervalMs: 3_600_000, log: capture().log });
      text = "a 2\n";
      w.changed();
      await w.close();
    } finally {
      process.umask(old);
    }
    expect(await readFile(path, "utf8")).toBe("a 2\n");
    expect((await stat(path)).mode & 0o777).toBe(0o644);
    expect(await readdir(dir)).toEqual(["wsl_vpn_agent.prom"]);
  });

  it("logs an unwritable directory once, keeps going, and writes again once it can", async () => {
    const dir = await tmp();
    const path = join(dir, "missing", "wsl_vpn_agent.prom");
    const { lines, log } = capture();
    let text = "a 1\n";
    const w = new TextfileWriter({ path, render: () => text, intervalMs: 3_600_000, log });
    const failed = () => lines.filter((l) => l.event === "metrics.write_failed");
    await pollUntil(() => failed(), (f) => f.length > 0, { timeoutMs: 10_000, failure: () => "no metrics.write_failed line" });
    for (const n of [2, 3]) {
      text = `a ${n}\n`;
      w.changed();
    }
    await mkdir(join(dir, "missing"));
    text = "a 4\n";
    w.changed();
    await w.close();
    expect(await readFile(path, "utf8")).toBe("a 4\n");
    expect(failed()).toHaveLength(1);
    expect(failed()[0]).toMatchObject({ level: 50, path, reason: expect.stringContaining("ENOENT") });
    expect(lines.filter((l) => l.event === "metrics.write_recovered")).toHaveLength(1);
  });
});
