import { runCommand } from "../../effects/run.js";
import type { Lab } from "../createLab.js";

/**
 * A large HTTPS upload from the lab's wsl side (`bytes` up: full-size segments towards the server,
 * which a black hole swallows), bounded by `timeoutMs`. `trust`: the server's CA file, or insecure
 * (the split lab's internet server has a certificate of its own).
 */
export async function wslUpload(lab: Lab, url: string, trust: { readonly caFile: string } | "insecure", bytes: number, timeoutMs: number): Promise<{ ok: boolean; ms: number; reason: string }> {
  const tls = trust === "insecure" ? ["--insecure"] : ["--cacert", trust.caFile];
  const argv = ["curl", "-sS", "--max-time", String(timeoutMs / 1000), ...tls, "--data-binary", "@-", "-o", "/dev/null", "-w", "%{http_code}", "--", url];
  const r = await runCommand(argv, { netns: lab.ns.wsl, input: "u".repeat(bytes), timeoutMs: timeoutMs + 5000 });
  const ok = r.ok && r.stdout.trim() === "200";
  return { ok, ms: r.durationMs, reason: ok ? "" : r.stderr.trim().split("\n")[0] || `HTTP ${r.stdout.trim() || "none"}` };
}
