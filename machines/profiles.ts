import type { Profile } from "./context.js";
import type { VpnInfo } from "./vpn.js";

/** First profile whose `match` occurs in the VPN's name or description, case-insensitive. Pure. */
export function matchProfile(profiles: readonly Profile[], vpn: VpnInfo): Profile | undefined {
  const haystacks = [vpn.name.toLowerCase(), vpn.description.toLowerCase()];
  return profiles.find((p) => p.match !== "" && haystacks.some((h) => h.includes(p.match.toLowerCase())));
}

/** The URL probes and verifications use for `vpn`: its profile's, else `fallback` (verify.url). Pure. */
export function probeUrl(profiles: readonly Profile[], vpn: VpnInfo, fallback: string): string {
  return matchProfile(profiles, vpn)?.url ?? fallback;
}
