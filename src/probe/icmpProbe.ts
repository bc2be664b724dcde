import { runCommand } from "../effects/run.js";

/** One DF ping of `size` bytes on the wire (ICMP payload = size - 28). ICMP only hints, never decides. */
export async function icmpProbe(address: string, size: number, timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
  const seconds = String(Math.max(1, Math.ceil(timeoutMs / 1000)));
  const r = await runCommand(["ping", "-n", "-q", "-M", "do", "-c", "1", "-W", seconds, "-s", String(size - 28), address], {
    timeoutMs: timeoutMs + 1000,
    signal,
  });
  return r.ok;
}
