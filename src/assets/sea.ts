import type * as Sea from "node:sea";

// node:sea is loaded when asked, not imported: a static import fails to link on a Node without it,
// before the version check (src/checkNode.ts) could say why.
const sea = (): typeof Sea => process.getBuiltinModule("node:sea");

/** True inside the single executable (`wsl-vpn-agent`), false under `node dist/cli.js` or tsx. */
export function inSea(): boolean {
  return sea().isSea();
}

/** An asset stored in the executable at build time (scripts/package/sea.mjs), as text. */
export function seaAsset(name: string): string {
  return sea().getAsset(name, "utf8");
}
