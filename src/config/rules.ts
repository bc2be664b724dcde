import type { Profile } from "../../machines/context.js";
import type { ConfigPath } from "./types.js";

type Get = (path: ConfigPath) => unknown;

/** A constraint between keys; it only runs when each of its keys is valid on its own. */
export interface Rule {
  readonly paths: readonly ConfigPath[];
  readonly check: (get: Get) => string[];
}

const num = (get: Get, p: ConfigPath): number => get(p) as number;

function atMost(low: ConfigPath, high: ConfigPath): Rule {
  return {
    paths: [low, high],
    check: (get) => (num(get, low) <= num(get, high) ? [] : [`${low}: expected at most ${high} (${num(get, high)}), got ${num(get, low)}`]),
  };
}

/** A range of `probe.slots` values starting at `base` must end by `limit`. */
function rangeFits(base: ConfigPath, limit: number, why: string): Rule {
  return {
    paths: [base, "probe.slots"],
    check: (get) => {
      const last = num(get, base) + num(get, "probe.slots") - 1;
      return last <= limit ? [] : [`${base}: expected ${base} + probe.slots - 1 <= ${limit} (${why}), got ${last}`];
    },
  };
}

/** Constraints between keys, checked after every key passed on its own. */
export const RULES: readonly Rule[] = [
  atMost("probe.minMtu", "probe.maxMtu"),
  atMost("settle.quietMs", "settle.maxWaitMs"),
  atMost("retry.baseMs", "retry.maxMs"),
  {
    // Retention must keep the active file and at least one whole rotated segment.
    paths: ["journal.segmentBytes", "journal.keepBytes"],
    check: (get) =>
      num(get, "journal.keepBytes") >= 2 * num(get, "journal.segmentBytes")
        ? []
        : [`journal.keepBytes: expected at least 2 x journal.segmentBytes (${2 * num(get, "journal.segmentBytes")}), got ${num(get, "journal.keepBytes")}`],
  },
  {
    // One round takes a table per size and a rule priority per attempt (two per size).
    paths: ["probe.parallel", "probe.slots"],
    check: (get) =>
      2 * num(get, "probe.parallel") <= num(get, "probe.slots")
        ? []
        : [`probe.slots: expected at least 2 x probe.parallel (${2 * num(get, "probe.parallel")}: a round needs a rule priority per attempt, two per size), got ${num(get, "probe.slots")}`],
  },
  rangeFits("probe.rulePriorityBase", 32_765, "rules must come before the main table's 32766"),
  rangeFits("probe.localPortBase", 65_535, "the last TCP port"),
  {
    paths: ["verify.caFile", "verify.insecure"],
    check: (get) =>
      get("verify.caFile") !== null && get("verify.insecure") === true
        ? ["verify.insecure: contradicts verify.caFile: set a CA file to trust, or skip certificate checks, not both"]
        : [],
  },
  {
    paths: ["profiles", "probe.minMtu", "probe.maxMtu"],
    check: (get) => {
      const [min, max] = [num(get, "probe.minMtu"), num(get, "probe.maxMtu")];
      return (get("profiles") as readonly Profile[]).flatMap((p, i) => {
        if (p.mtu === undefined) return p.url === undefined ? [`profiles[${i}]: expected "mtu", "url" or both (a profile with neither does nothing)`] : [];
        return p.mtu >= min && p.mtu <= max ? [] : [`profiles[${i}].mtu: expected an integer from probe.minMtu ${min} to probe.maxMtu ${max}, got ${p.mtu}`];
      });
    },
  },
];
