import { mkdir, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { pathErrorFor } from "../../src/config/pathError.js";
import { ConfigError, EnvironmentError } from "../../src/errors.js";
import { JournalWriter } from "../../src/journal/writer.js";
import { StateStore } from "../../src/runtime/stateStore.js";
import { serveStatus } from "../../src/status/server.js";
import { useTmpDir } from "../support/tmp.js";

const tmp = useTmpDir();

/** A temp dir holding a regular file `file`, the thing in the way of a path under it. */
async function withFile(): Promise<{ dir: string; file: string }> {
  const dir = await tmp();
  const file = join(dir, "file");
  await writeFile(file, "not a directory\n");
  return { dir, file };
}

/** The error `run` rejects with, so its class and message can both be checked. */
async function failure(p: Promise<unknown>): Promise<Error> {
  const outcome = await p.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(outcome instanceof Error)) throw new Error("expected a rejection");
  return outcome;
}

describe("errors for paths from the config", () => {
  it.each([
    ["ENOTDIR", ConfigError, 78, "journal.path: cannot create /f/j.jsonl: /f is not a directory"],
    ["EEXIST", ConfigError, 78, "journal.path: cannot create /f/j.jsonl: /f is not a directory"],
    ["EISDIR", ConfigError, 78, "journal.path: cannot create /f/j.jsonl: /f/j.jsonl is a directory"],
    ["EACCES", EnvironmentError, 77, "journal.path: cannot create /f/j.jsonl: permission denied (run as root, or point it at a writable path)"],
    ["EPERM", EnvironmentError, 77, "journal.path: cannot create /f/j.jsonl: permission denied (run as root, or point it at a writable path)"],
    ["EROFS", EnvironmentError, 77, "journal.path: cannot create /f/j.jsonl: read-only file system (the service may write only its StateDirectory, RuntimeDirectory and ReadWritePaths=)"],
    ["ENOSPC", EnvironmentError, 69, "journal.path: cannot create /f/j.jsonl: ENOSPC"],
  ] as const)("%s is a %s (exit %i) naming key, path and reason", (code, cls, exit, message) => {
    const e = pathErrorFor("journal.path", "create", "/f/j.jsonl", code, "/f", new Error(code));
    expect(e).toBeInstanceOf(cls);
    expect(e.exitCode).toBe(exit);
    expect(e.message).toBe(message);
  });

  it("journal.path under a regular file, or a directory: ConfigError, not a raw fs error", async () => {
    const { dir, file } = await withFile();
    const under = await failure(JournalWriter.open(join(file, "j.jsonl")));
    expect(under).toBeInstanceOf(ConfigError);
    expect(under.message).toBe(`journal.path: cannot create ${file}/j.jsonl: ${file} is not a directory`);
    const deeper = await failure(JournalWriter.open(join(file, "a", "j.jsonl")));
    expect(deeper.message).toBe(`journal.path: cannot create ${file}/a/j.jsonl: ${file} is not a directory`);
    const isDir = await failure(JournalWriter.open(dir));
    expect(isDir).toBeInstanceOf(ConfigError);
    expect(isDir.message).toBe(`journal.path: cannot create ${dir}: ${dir} is a directory`);
  });

  it("state.dir that is a file, or under one: the writable store fails at load, the dry-run one does not", async () => {
    const { file } = await withFile();
    for (const dir of [file, join(file, "state")]) {
      const e = await failure(new StateStore(dir).load());
      expect(e).toBeInstanceOf(ConfigError);
      expect(e.message).toBe(`state.dir: cannot write to ${dir}: ${file} is not a directory`);
    }
    await expect(new StateStore(join(file, "state"), false).load()).resolves.toMatchObject({ problem: expect.any(String) });
  });

  it("state.dir that is fine: load creates it and a write lands", async () => {
    const dir = join(await tmp(), "a", "b");
    const store = new StateStore(dir);
    await store.load();
    await store.update((s) => ({ ...s, baselineMtu: 1500 }));
    expect((await new StateStore(dir).load()).state.baselineMtu).toBe(1500);
  });

  it("status.socket under a regular file, or a directory: ConfigError naming the key", async () => {
    const { dir, file } = await withFile();
    const socket = join(file, "status.sock");
    const under = await failure(serveStatus(socket, () => ({})));
    expect(under).toBeInstanceOf(ConfigError);
    expect(under.message).toBe(`status.socket: cannot listen on ${socket}: ${file} is not a directory`);
    const busy = join(dir, "sockdir");
    await mkdir(busy);
    const isDir = await failure(serveStatus(busy, () => ({})));
    expect(isDir).toBeInstanceOf(ConfigError);
    expect(isDir.message).toBe(`status.socket: cannot listen on ${busy}: ${busy} is a directory`);
  });

  it("status.socket over 107 bytes (75 characters): ConfigError, nothing left listening or on disk", async () => {
    const dir = await tmp();
    const socket = join(dir, "é".repeat(60));
    const e = await failure(serveStatus(socket, () => ({})));
    expect(e).toBeInstanceOf(ConfigError);
    expect(e.message).toBe(`status.socket: cannot listen on ${socket}: longer than 107 bytes, the kernel's limit for a socket path`);
    expect(await readdir(dir)).toEqual([]);
  });

  it("the label is the caller's: a path from elsewhere names its own key", async () => {
    const { file } = await withFile();
    const e = await failure(JournalWriter.open(join(file, "j.jsonl"), "--journal"));
    expect(e.message).toMatch(/^--journal: cannot create /);
  });
});
