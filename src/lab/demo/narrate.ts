import type { ResultPromise } from "execa";
import type { DemoOptions } from "../demo.js";

/** Prints the agent's log messages (pino JSON lines) as they come, indented under the story. */
export function narrateLog(agent: ResultPromise, o: DemoOptions): void {
  let rest = "";
  agent.stdout?.on("data", (chunk: Buffer) => {
    const lines = (rest + chunk.toString("utf8")).split("\n");
    rest = lines.pop() ?? "";
    for (const line of lines) {
      const msg = messageOf(line);
      if (msg !== null) o.out(`    agent | ${msg}`);
    }
  });
  agent.stderr?.on("data", (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split("\n").filter((l) => l !== "")) o.out(`    agent ! ${line}`);
  });
}

/** The message of an info-or-worse pino line; null for debug lines and non-JSON. Pure. */
function messageOf(line: string): string | null {
  try {
    const r = JSON.parse(line) as { level?: number; msg?: string };
    return typeof r.msg === "string" && (r.level ?? 30) >= 30 ? r.msg : null;
  } catch {
    return line.trim() === "" ? null : line;
  }
}
