import type { CheckResult } from "./check.js";

const marks = { ok: "✓", fail: "✗", skip: "-" } as const;

/** Human report: one line per check, the fix indented under each failure. Pure. */
export function formatText(results: readonly CheckResult[]): string {
  const lines = results.map((r) => {
    const head = `${marks[r.status]} ${r.title}: ${r.detail}`;
    return r.fix === undefined ? head : `${head}\n    fix: ${r.fix.replaceAll("\n", "\n         ")}`;
  });
  const failed = results.filter((r) => r.status === "fail").length;
  lines.push(failed === 0 ? "all checks passed" : `${failed} check${failed === 1 ? "" : "s"} failed`);
  return `${lines.join("\n")}\n`;
}

/** Machine report: `{ok, checks}` on one line. Pure. */
export function formatJson(results: readonly CheckResult[]): string {
  return `${JSON.stringify({ ok: results.every((r) => r.status !== "fail"), checks: results })}\n`;
}
