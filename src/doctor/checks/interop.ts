import { filter, firstValueFrom, map, timeout } from "rxjs";
import { decodeLine } from "../../sources/decodeLine.js";
import { watcherArgv } from "../../sources/watcherCommand.js";
import { watcherLines } from "../../sources/watcherProcess.js";
import { loadWatcherScript } from "../../sources/watcherScript.js";
import { describeTunnel } from "../../windows/describeTunnel.js";
import { classify, createClassifier } from "../../windows/classify.js";
import { skipOutsideWsl, under, type CheckResult, type DoctorContext, type DoctorEnv } from "../check.js";
import { errorMessage } from "../../errors.js";

const id = "interop";
const title = "Windows interop (the watcher prints a snapshot)";
const fix = (env: DoctorEnv): string => `fix the binfmt and AF_VSOCK findings above; then \`${env.powershellPath} -NoProfile -Command 1\` must work from this shell`;

/** Starts the real watcher (or `windows.watchCommand`) and waits for its first valid snapshot. */
export async function checkInterop(env: DoctorEnv, ctx: DoctorContext): Promise<CheckResult> {
  if (env.watchCommand === null && !ctx.inWsl) return skipOutsideWsl(id, title);
  try {
    const script = env.watchCommand === null ? await loadWatcherScript() : "";
    const argv = watcherArgv(script, { watchCommand: env.watchCommand, powershellPath: under(env, env.powershellPath) });
    const snapshot = await firstValueFrom(
      watcherLines(argv, { exitGraceMs: 500 }).pipe(
        map(decodeLine),
        filter((d) => d.kind === "snapshot"),
        timeout({ first: env.interopTimeoutMs, with: () => { throw new Error(`no snapshot within ${env.interopTimeoutMs} ms`); } }),
      ),
    );
    // The config's patterns: what the doctor reports as a VPN is what the agent would act on.
    const vpn = classify(snapshot.snapshot, createClassifier(env.vpnPatterns ?? undefined));
    const seen = vpn === null ? "no VPN up" : `VPN ${JSON.stringify(vpn.name)} up, MTU ${vpn.mtuHint ?? "?"}${describeTunnel(vpn.tunnel)}`;
    return { id, title, status: "ok", detail: `${snapshot.snapshot.adapters.length} adapters, ${seen}` };
  } catch (e) {
    return { id, title, status: "fail", detail: errorMessage(e), fix: fix(env) };
  }
}
