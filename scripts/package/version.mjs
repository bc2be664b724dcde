// The version and the time stamp every package step writes: same tree, same bytes.
import { execFileSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";

/** package.json's version. */
export function versionOf() {
  return JSON.parse(readFileSync("package.json", "utf8")).version;
}

/** SOURCE_DATE_EPOCH when set, else the last commit's time, else package.json's mtime (seconds). */
export function sourceDateEpoch() {
  if (/^\d+$/.test(process.env.SOURCE_DATE_EPOCH ?? "")) return Number(process.env.SOURCE_DATE_EPOCH);
  try {
    return Number(execFileSync("git", ["log", "-1", "--format=%ct"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim());
  } catch {
    return Math.floor(statSync("package.json").mtimeMs / 1000);
  }
}
