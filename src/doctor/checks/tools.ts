import { access, constants } from "node:fs/promises";
import { join } from "node:path";
import { under, type CheckResult, type DoctorEnv } from "../check.js";

const id = "tools";
const title = "ip, curl and ping";
/** Debian/Ubuntu package of each tool, for the fix line. */
const packages: Readonly<Record<string, string>> = { ip: "iproute2", curl: "curl", ping: "iputils-ping" };

/** The agent's effects run these; it never falls back to a shell to find them. */
export async function checkTools(env: DoctorEnv): Promise<CheckResult> {
  const found: string[] = [];
  const missing: string[] = [];
  for (const tool of Object.keys(packages)) {
    const where = await locate(env, tool);
    if (where === null) missing.push(tool);
    else found.push(where);
  }
  if (missing.length === 0) return { id, title, status: "ok", detail: found.join(", ") };
  return {
    id, title, status: "fail",
    detail: `not found in ${env.pathDirs.join(":")}: ${missing.join(", ")}`,
    fix: `sudo apt-get install ${missing.map((t) => packages[t]).join(" ")}`,
  };
}

async function locate(env: DoctorEnv, tool: string): Promise<string | null> {
  for (const dir of env.pathDirs) {
    const ok = await access(under(env, join(dir, tool)), constants.X_OK).then(() => true, () => false);
    if (ok) return join(dir, tool);
  }
  return null;
}
