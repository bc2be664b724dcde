import { runCommand } from "../../effects/run.js";
import type { Lab } from "../createLab.js";
import { containerNs } from "./container.js";

export interface Transfer {
  readonly ok: boolean;
  readonly uploaded: number;
  readonly downloaded: number;
  readonly ms: number;
  /** curl's own words when it failed (a timeout is the black hole). */
  readonly reason: string;
}

/**
 * One HTTPS request from the lab's container to its server: `upload` bytes up, `download` bytes
 * back (full-size segments both ways), bounded by `timeoutMs` so a black hole ends as a failure.
 */
export async function containerTransfer(lab: Lab, o: { readonly upload: number; readonly download: number; readonly timeoutMs: number }): Promise<Transfer> {
  const argv = [
    "curl", "-sS", "--cacert", lab.caFile, "--max-time", String(o.timeoutMs / 1000), "-o", "/dev/null",
    "-w", "%{http_code} %{size_upload} %{size_download}", "--data-binary", "@-", `${lab.url}?bytes=${o.download}`,
  ];
  // As a new container would: no path MTU learned from an earlier upload (WSL's ICMP teaches the
  // container one, and its next SYNs would then advertise a smaller MSS for 10 minutes).
  await runCommand(["ip", "route", "flush", "cache"], { netns: containerNs(lab) });
  const r = await runCommand(argv, { netns: containerNs(lab), input: "u".repeat(o.upload), timeoutMs: o.timeoutMs + 5000 });
  const [code = "", up = "0", down = "0"] = r.stdout.trim().split(" ");
  const uploaded = Number(up);
  const downloaded = Number(down);
  const ok = r.ok && code === "200" && uploaded === o.upload && downloaded === o.download;
  return { ok, uploaded, downloaded, ms: r.durationMs, reason: ok ? "" : r.stderr.trim() || `HTTP ${code}, ${uploaded} bytes up, ${downloaded} down` };
}
