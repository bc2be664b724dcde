import { readFileSync } from "node:fs";
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anyConnect, type AgentLab, type SimVpn } from "../support/agentLab.js";
import { parseExposition } from "../support/exposition.js";
import { Fleet, fleetSkipReason, query, type Series } from "../support/fleet.js";
import { pollUntil } from "../support/pollUntil.js";
import { useAgentLab } from "../support/useAgentLab.js";

const skip = await fleetSkipReason();
const TEXTFILE = "wsl_vpn_agent.prom";
/** Laptop b's first VPN: its profile's fixed MTU (1450) is above b's black hole, so verification fails. */
const wrongProfile: SimVpn = { name: "Ethernet 4", description: "WrongProfile AnyConnect Virtual Adapter", mtu: 1400 };
/** Laptop b's second VPN: a description with every character the exposition format must escape. */
const hostile: SimVpn = { name: "Ethernet 5", description: 'Evil "Corp" \\ AnyConnect\nline two é', mtu: 1400 };

describe.skipIf(skip !== null)("a fleet: two laptops' agents → textfile → node_exporter → Prometheus in agent mode → remote_write → a central Prometheus", () => {
  // Retries far away keep b in Degraded while the test looks at it.
  const a = useAgentLab({ prefix: "wvafla", lab: { linkMtu: 1400, tcpLimit: 1372 } });
  const b = useAgentLab({ prefix: "wvaflb", lab: { linkMtu: 1400, tcpLimit: 1330 }, config: { profiles: [{ match: "wrongprofile", mtu: 1450 }], "retry.baseMs": 600_000, "retry.maxMs": 600_000 } });
  let fleet: Fleet | undefined;
  let central = 0;

  beforeAll(async () => {
    fleet = await Fleet.create();
    central = await fleet.central();
    for (const [name, lab] of [["a", a()], ["b", b()]] as const) {
      const dir = join(lab.dir, "textfile");
      await mkdir(dir);
      await lab.start({ windows: null, config: { "metrics.textfile": join(dir, TEXTFILE), "metrics.intervalMs": 1000 } });
      await lab.waitForState("Direct.idle");
      await fleet.laptop(name, dir, central);
    }
  });
  afterAll(async () => {
    await fleet?.destroy();
  });

  /** Polls the central server until `check` holds on the answer to `promql`. */
  const eventually = (promql: string, check: (s: Series[]) => boolean, what: string): Promise<Series[]> =>
    pollUntil(() => query(central, promql), check, { timeoutMs: 90_000, intervalMs: 500, failure: (last, why) => `central Prometheus: ${what}: ${why}\n${promql} = ${JSON.stringify(last)}\n${fleet?.logs() ?? ""}` });
  const valueOf = (series: Series[], laptop: string): number | undefined => series.find((s) => s.metric.laptop === laptop)?.value;

  it("sees laptop a's exact MTU for its VPN, found by probing", async () => {
    await a().setWindows(anyConnect);
    await a().waitForState("Applied", 90_000, (s) => s.appliedMtu === 1372);
    const found = await eventually(`wsl_vpn_agent_vpn_mtu_bytes{laptop="a"}`, (s) => s.length > 0, "laptop a's MTU");
    expect(found.map((s) => [s.metric.vpn, s.value])).toEqual([[anyConnect.description, 1372]]);
    await eventually(`wsl_vpn_agent_state{laptop="a",state="Applied"}`, (s) => valueOf(s, "a") === 1, "laptop a Applied");
  });

  it("counts a rollback on laptop b, whose profile MTU fails verification, and none on a", async () => {
    await b().setWindows(wrongProfile);
    await b().waitForState("Degraded", 90_000, (s) => s.counters.rollbacks >= 1);
    await eventually("wsl_vpn_agent_rollbacks_total", (s) => valueOf(s, "b") === 1 && valueOf(s, "a") === 0, "one rollback on b, none on a");
    await eventually(`wsl_vpn_agent_state{state="Degraded"}`, (s) => valueOf(s, "b") === 1 && valueOf(s, "a") === 0, "b Degraded");
  });

  it("sees laptop b's state change when its VPN disconnects", async () => {
    await b().setWindows(null);
    await b().waitForState("Direct.idle");
    await eventually(`wsl_vpn_agent_state{laptop="b"} == 1`, (s) => s.length === 1 && s[0]?.metric.state === "Direct", "b Direct");
    // And b was Degraded before: the central server kept the history.
    expect(valueOf(await query(central, `max_over_time(wsl_vpn_agent_state{state="Degraded"}[10m])`), "b")).toBe(1);
  });

  it("gets laptop b's hostile adapter description escaped and back unchanged, with b's own exact MTU beside a's", async () => {
    await b().setWindows(hostile);
    await b().waitForState("Applied", 90_000, (s) => s.appliedMtu === 1330);
    const found = await eventually(`wsl_vpn_agent_vpn_mtu_bytes{laptop="b"}`, (s) => s.length > 0, "laptop b's MTU");
    expect(found.map((s) => [s.metric.vpn, s.value])).toEqual([[hostile.description, 1330]]);
    const both = await query(central, "wsl_vpn_agent_vpn_mtu_bytes");
    expect(both.map((s) => [s.metric.laptop, s.value]).sort()).toEqual([["a", 1372], ["b", 1330]]);
  });

  it("had no textfile scrape error at any time, and each file reads with the strict parser", async () => {
    const errors = await query(central, "max_over_time(node_textfile_scrape_error[30m])");
    expect(errors.map((s) => [s.metric.laptop, s.value]).sort()).toEqual([["a", 0], ["b", 0]]);
    for (const lab of [a(), b()]) expect(() => parseExposition(text(lab))).not.toThrow();
  });

  it("answers every query of the Grafana dashboard with data", async () => {
    const dashboard = JSON.parse(await readFile(new URL("../../docs/grafana/wsl-vpn-agent-fleet.json", import.meta.url), "utf8")) as unknown;
    const exprs = expressions(dashboard);
    expect(exprs.length).toBeGreaterThanOrEqual(4);
    for (const expr of exprs) {
      // Grafana's own variable, as it would fill it in for a short dashboard range.
      const promql = expr.replaceAll("$__rate_interval", "1m");
      // query() throws with Prometheus' message when the expression does not parse.
      expect({ expr, empty: (await query(central, promql)).length === 0 }).toEqual({ expr, empty: false });
    }
  });
});

/** The agent's textfile now. */
function text(lab: AgentLab): string {
  return readFileSync(join(lab.dir, "textfile", TEXTFILE), "utf8");
}

/** Every `expr` in a Grafana dashboard, at any depth. Pure. */
function expressions(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(expressions);
  if (node === null || typeof node !== "object") return [];
  return Object.entries(node).flatMap(([k, v]) => (k === "expr" && typeof v === "string" ? [v] : expressions(v)));
}
