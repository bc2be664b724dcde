import { describeFailure, runCommand } from "../effects/run.js";

/** One ping's outcome: a reply, silence (exit 1, or timed out), or a `ping` that cannot run at all. */
export type IcmpResult = { readonly kind: "reply" } | { readonly kind: "silent" } | { readonly kind: "broken"; readonly reason: string };

/**
 * One DF ping of `size` bytes on the wire (ICMP payload = size - 28). ICMP only hints, never
 * decides. iputils exits 1 when no reply came and 2 on errors: a `ping` that cannot start or
 * cannot set itself up (a sandbox refusing `capset`, a missing capability) is "broken", so the
 * caller can say so instead of reading it as an ICMP black hole.
 */
export async function icmpProbe(address: string, size: number, timeoutMs: number, signal?: AbortSignal): Promise<IcmpResult> {
  const seconds = String(Math.max(1, Math.ceil(timeoutMs / 1000)));
  const r = await runCommand(["ping", "-n", "-q", "-M", "do", "-c", "1", "-W", seconds, "-s", String(size - 28), address], {
    timeoutMs: timeoutMs + 1000,
    signal,
  });
  if (r.ok) return { kind: "reply" };
  if (r.exitCode === 1 || r.timedOut || signal?.aborted === true) return { kind: "silent" };
  return { kind: "broken", reason: describeFailure(r) };
}
