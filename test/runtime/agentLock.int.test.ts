import { execa } from "execa";
import { readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lockStateDir, takeAgentLock } from "../../src/runtime/agentLock.js";
import { runCliProcess } from "../support/cli.js";
import { useTmpDir } from "../support/tmp.js";

const tmp = useTmpDir();

/** What a taker finds now: the holder's line when held; a free lock is released again at once. */
async function probeLock(dir: string): Promise<{ heldBy: string } | "free"> {
  const l = await lockStateDir(dir, "run");
  if ("release" in l) {
    await l.release();
    return "free";
  }
  return { heldBy: l.heldBy };
}

describe("the state directory's lock", () => {
  it("is held until released: a second taker learns who holds it, a third after the release gets it", async () => {
    const dir = join(await tmp(), "state");
    const first = await lockStateDir(dir, "run");
    if (!("release" in first)) throw new Error("the first taker did not get the lock");
    const second = await lockStateDir(dir, "probe --apply");
    expect(second).toEqual({ heldBy: `${process.pid}, run`, path: join(dir, "agent.lock") });
    await expect(takeAgentLock(dir, "run")).rejects.toMatchObject({ exitCode: 75, message: `${join(dir, "agent.lock")} is held by another wsl-vpn-agent (pid ${process.pid}, run): nothing was changed; stop it first` });
    await first.release();
    const third = await lockStateDir(dir, "probe");
    expect("release" in third).toBe(true);
    if ("release" in third) await third.release();
  });

  it("dies with its holder, however it dies: a SIGKILLed holder leaves it free", async () => {
    const dir = await tmp();
    const module = new URL("../../src/runtime/agentLock.ts", import.meta.url).href;
    const code = `const { lockStateDir } = await import(${JSON.stringify(module)}); await lockStateDir(${JSON.stringify(dir)}, "run"); console.log("locked"); setInterval(() => {}, 1000);`;
    const holder = execa(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], { reject: false });
    await new Promise<void>((resolve) => holder.stdout?.once("data", () => resolve()));
    expect(await probeLock(dir)).toEqual({ heldBy: `${holder.pid}, run` });
    holder.kill("SIGKILL");
    await holder;
    expect(await probeLock(dir)).toBe("free");
  });

  it("does not name a holder from a file someone else wrote", async () => {
    const dir = await tmp();
    const lock = await takeAgentLock(dir, "run");
    try {
      await writeFile(join(dir, "agent.lock"), "1 \u001b[31mrm -rf /\n");
      expect(await probeLock(dir)).toEqual({ heldBy: "" });
    } finally {
      await lock.release();
    }
  });

  it("`run` refuses with exit 75 and one line while the lock is held, before it creates or changes anything", async () => {
    const dir = await tmp();
    const state = join(dir, "state");
    const config = join(dir, "config.json");
    await writeFile(config, JSON.stringify({ state: { dir: state }, journal: { path: join(dir, "journal.jsonl") }, status: { socket: join(dir, "status.sock") } }));
    const lock = await takeAgentLock(state, "probe --apply");
    try {
      const r = await runCliProcess(["run", "--config", config]);
      expect(r.stderr).toBe(`wsl-vpn-agent: ${join(state, "agent.lock")} is held by another wsl-vpn-agent (pid ${process.pid}, probe --apply): nothing was changed; stop it first`);
      expect(r.code).toBe(75);
      expect(r.stdout).toBe("");
      expect((await readdir(dir)).sort()).toEqual(["config.json", "state"]);
      expect(await readdir(state)).toEqual(["agent.lock"]);
    } finally {
      await lock.release();
    }
  });
});
