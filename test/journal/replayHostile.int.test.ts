import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { CLOSED_PIPE_EXIT } from "../../src/cli/closedStdout.js";
import { cliPath, runCliProcess } from "../support/cli.js";
import { testInput } from "../support/input.js";
import { useTmpDir } from "../support/tmp.js";
import { journal, line } from "./lines.js";

// `replay` on journals built to hurt (REPRO 4, 6, 7, 8, 10a): escaped output, bounded messages,
// documented exit codes, no stack.
const tmp = useTmpDir();

async function replay(text: string, ...flags: string[]) {
  const file = join(await tmp(), "journal.jsonl");
  await writeFile(file, text);
  return { ...(await runCliProcess(["replay", ...flags, file])), file };
}

// eslint-disable-next-line no-control-regex -- control characters are what must not be printed
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/;

describe("replay of hostile journals", () => {
  it("prints reasons and adapter names escaped: no terminal sequence, no forged timeline line", async () => {
    const forged = "\u001b]0;PWNED\u0007\u001b[2J\n2026-01-01T00:00:00.000Z  #9 agent.stop → Stopped";
    const r = await replay(
      line(0, { type: "xstate.init", input: testInput() }) +
        line(1, { type: "network.settled", vpn: { name: `\u001b[31mRED\u009b\u2028${forged}`, description: "d", mtuHint: 1400 } }, "Probing") +
        line(2, { type: "probe.failed", workId: 1, reason: forged }, "Degraded"),
    );
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(CONTROL);
    expect(r.stdout.split("\n")).toHaveLength(4);
    expect(r.stdout).toContain("\\x1b]0;PWNED\\x07\\x1b[2J\\n2026-01-01T00:00:00.000Z");
  });

  it("a divergent record with a deeply nested extra field is reported in a bounded line (exit 1, no stack)", async () => {
    const deep = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
    const text = `${line(0, { type: "xstate.init", input: testInput() })}{"v":1,"seq":1,"at":"2026-11-25T09:00:01Z","event":{"type":"link.mtu","mtu":1400,"x":${deep}},"state":"WRONG\\u001b[31m"}\n`;
    for (const flags of [[], ["--json"]]) {
      const r = await replay(text, ...flags);
      expect(r.code).toBe(1);
      const [first, recorded] = r.stderr.split("\n");
      expect(first).toBe(`divergence at ${r.file}:2 (seq 1): event {"type":"link.mtu","mtu":1400,"x":[[[[…]]]]}`);
      expect(first?.length).toBeLessThan(r.file.length + 260);
      expect(recorded).toBe("  recorded state: WRONG\\x1b[31m");
    }
  });

  it("a journal written on an interface with MTU 65536 (loopback) replays", async () => {
    const r = await replay(journal([{ type: "link.mtu", mtu: 65536 }], testInput({ baselineMtu: 65536, currentMtu: 65536 })));
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  });

  it("/dev/zero is refused as a device (exit 65) instead of being read forever, with or without a window", async () => {
    for (const flags of [[], ["--since", "1h"]]) {
      const r = await runCliProcess(["replay", ...flags, "/dev/zero"]);
      expect(r.stderr).toBe("wsl-vpn-agent: /dev/zero: not a regular file (a device): a journal is a file the agent wrote");
      expect(r.code).toBe(65);
    }
  });

  it("stops quietly with the SIGPIPE exit code when its reader goes away (`replay | head -1`)", async () => {
    const text = journal(Array.from({ length: 20_000 }, () => ({ type: "link.mtu", mtu: 1400 })));
    const file = join(await tmp(), "long.jsonl");
    await writeFile(file, text);
    const child = execa(process.execPath, [cliPath, "replay", "--json", file], { reject: false, buffer: { stdout: false } });
    // Read the first line, then close the pipe as `head -1` does.
    const first = await new Promise<string>((resolve) => child.stdout.once("data", (chunk: Buffer) => resolve(chunk.toString().split("\n")[0] ?? "")));
    child.stdout.destroy();
    const r = await child;
    expect(JSON.parse(first)).toMatchObject({ seq: 0, event: "xstate.init" });
    expect(r.stderr).toBe("");
    expect(r.exitCode).toBe(CLOSED_PIPE_EXIT);
  });
});
