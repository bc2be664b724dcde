import { describe, expect, it } from "vitest";
import type { AgentEvent, VpnInfo } from "../../machines/index.js";
import { renderMetrics } from "../../src/metrics/renderMetrics.js";
import { StatusBoard } from "../../src/runtime/statusBoard.js";
import { initialWatcherHealth } from "../../src/sources/index.js";
import { Harness } from "../machine/harness.js";
import { parseExposition, sampleValue } from "../support/exposition.js";
import { testInput } from "../support/input.js";

const target = { url: "https://198.19.0.2/", address: "198.19.0.2" };
const evidence = (durationMs: number) => ({ method: "parallel" as const, rounds: 2, durationMs, sizes: [] });

/** A harness and a board fed every step, as the agent feeds its board. */
function agent() {
  const h = new Harness(testInput({ iface: "eth0" }));
  const board = new StatusBoard({ interface: "eth0", journal: "/j", dryRun: false, version: "9.8.7" }, () => h.snapshot, () => initialWatcherHealth);
  let seq = 0;
  const send = (event: AgentEvent): void => {
    const from = h.state;
    const effects = h.send(event);
    board.noteStep({ record: { v: 2, seq: ++seq, at: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(), event, state: h.state }, from, to: h.state, snapshot: h.snapshot, paths: { main: h.snapshot, others: {} }, effects });
  };
  /** Connects `vpn`, and answers its probe with `mtu`, its apply and its verification. */
  const connect = (vpn: VpnInfo, mtu: number, verified = true): void => {
    send({ type: "network.settled", vpn, probeTarget: target });
    send({ type: "probe.done", workId: h.snapshot.context.workId, mtu, evidence: evidence(3_000) });
    const apply = h.applies.pop();
    if (apply !== undefined) send({ type: "apply.done", workId: apply.workId, mtu: apply.mtu, iface: "eth0" });
    const verify = h.verifies.pop();
    if (verify !== undefined) send(verified ? { type: "verify.passed", workId: verify.workId } : { type: "verify.failed", workId: verify.workId, reason: "timeout" });
  };
  return { h, board, send, connect };
}

describe("renderMetrics", () => {
  it("writes a hostile adapter description escaped, the state, the MTUs, the counters and the info", () => {
    const a = agent();
    a.connect({ name: "x", description: 'Evil "VPN" \\ line\nbreak', mtuHint: 1400 }, 1372);
    const text = renderMetrics(a.board.status());
    const lines = text.split("\n");
    expect(lines).toContain('wsl_vpn_agent_vpn_mtu_bytes{vpn="Evil \\"VPN\\" \\\\ line\\nbreak"} 1372');
    expect(lines).toContain('wsl_vpn_agent_state{state="Applied"} 1');
    expect(lines).toContain('wsl_vpn_agent_state{state="Direct"} 0');
    expect(lines).toContain('wsl_vpn_agent_mtu_bytes{interface="eth0",scope="interface"} 1372');
    expect(lines).toContain('wsl_vpn_agent_baseline_mtu_bytes{interface="eth0",scope="interface"} 1500');
    expect(lines).toContain('wsl_vpn_agent_info{version="9.8.7",networking_mode="unknown",interface="eth0"} 1');
    expect(lines).toContain('wsl_vpn_agent_probes_total{result="found"} 1');
    expect(lines).toContain('wsl_vpn_agent_verifications_total{result="passed"} 1');
    expect(lines).toContain('wsl_vpn_agent_probe_duration_seconds_bucket{le="2"} 0');
    expect(lines).toContain('wsl_vpn_agent_probe_duration_seconds_bucket{le="4"} 1');
    expect(lines).toContain('wsl_vpn_agent_probe_duration_seconds_bucket{le="+Inf"} 1');
    expect(lines).toContain("wsl_vpn_agent_probe_duration_seconds_sum 3");
    expect(lines).toContain(`wsl_vpn_agent_last_verification_success_timestamp_seconds ${Date.UTC(2026, 0, 1, 0, 0, 4) / 1000}`);
    expect(lines).toContain("# TYPE wsl_vpn_agent_rollbacks_total counter");
    expect(parseExposition(text).get("wsl_vpn_agent_vpn_mtu_bytes")?.samples[0]?.labels.vpn).toBe('Evil "VPN" \\ line\nbreak');
  });

  it("counts a rollback and a restore, and writes no verification time before one passed", () => {
    const a = agent();
    a.connect({ name: "x", description: "Cisco", mtuHint: 1400 }, 1400, false);
    a.send({ type: "network.settled", vpn: null, probeTarget: target });
    const f = parseExposition(renderMetrics(a.board.status()));
    expect(sampleValue(f, "wsl_vpn_agent_rollbacks_total")).toBe(1);
    expect(sampleValue(f, "wsl_vpn_agent_restores_total")).toBe(1);
    expect(sampleValue(f, "wsl_vpn_agent_verifications_total", { result: "failed" })).toBe(1);
    expect(sampleValue(f, "wsl_vpn_agent_last_verification_success_timestamp_seconds")).toBeUndefined();
  });

  it("keeps the 16 most recent VPNs' MTUs (a flapping watcher inventing names cannot grow the file) and cuts long names to 128 characters", () => {
    const a = agent();
    for (let i = 0; i < 40; i++) a.connect({ name: "x", description: `VPN ${i}`, mtuHint: 1400 }, 1300 + i);
    a.connect({ name: "x", description: "é".repeat(300), mtuHint: 1400 }, 1290);
    const vpns = parseExposition(renderMetrics(a.board.status())).get("wsl_vpn_agent_vpn_mtu_bytes")?.samples ?? [];
    expect(vpns.map((s) => s.labels.vpn)).toEqual(["é".repeat(127) + "…", ...Array.from({ length: 15 }, (_, i) => `VPN ${39 - i}`)]);
    expect(vpns.slice(1).map((s) => s.value)).toEqual(Array.from({ length: 15 }, (_, i) => 1339 - i));
  });
});
