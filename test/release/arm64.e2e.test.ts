import { execa } from "execa";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { arm64Binary, arm64Root, skipArm64 } from "../support/arm64.js";
import { agentBinary } from "../support/cli.js";

const journal = fileURLToPath(new URL("../report/fixtures/lab-demo.jsonl", import.meta.url));
const { version } = JSON.parse(await readFile(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };

// The linux-arm64 executable, started on this machine by qemu-user with arm64 glibc/libstdc++
// (slow: minutes of emulated V8 are normal under load, hence the timeouts).
describe.skipIf(skipArm64)("the linux-arm64 executable under qemu-user-static", () => {
  let root = "";
  beforeAll(async () => {
    root = await arm64Root();
  }, 600_000);
  const arm64 = (...args: string[]) => execa("qemu-aarch64-static", ["-L", root, arm64Binary, ...args], { reject: false, timeout: 300_000 });

  it("is an arm64 program (not the x64 one copied)", async () => {
    // ELF e_machine, 2 bytes little-endian at offset 18: 183 is EM_AARCH64 (x86-64 is 62).
    const header = (await readFile(arm64Binary)).subarray(0, 20);
    expect(header.subarray(1, 4).toString()).toBe("ELF");
    expect(header.readUInt16LE(18)).toBe(183);
  });

  it("starts and prints the package's version", async () => {
    const r = await arm64("--version");
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toBe(version);
  }, 300_000);

  it("replays a journal exactly as the x64 executable does", async () => {
    const [a, x] = [await arm64("replay", journal), await execa(agentBinary, ["replay", journal], { reject: false })];
    expect(a.exitCode, a.stderr).toBe(0);
    expect(a.stdout).toBe(x.stdout);
    expect(a.stdout).not.toBe("");
  }, 300_000);
});
