import { readFile } from "node:fs/promises";
import { inSea, seaAsset } from "./sea.js";

/** The files the program reads at run time; the single executable carries them, by these names. */
export const ASSETS = {
  watcher: "watcher.ps1",
  configSchema: "config.schema.json",
  unitTemplate: "wsl-vpn-agent.service",
} as const;
export type AssetName = (typeof ASSETS)[keyof typeof ASSETS];

/**
 * Where a file asset lives when not inside the executable: next to the bundle (dist/cli.js →
 * dist/assets/), or in the repository when running from source (tsx, tests).
 */
export function assetCandidates(name: AssetName): readonly URL[] {
  return [new URL(`./assets/${name}`, import.meta.url), new URL(`../../assets/${name}`, import.meta.url)];
}

/** Reads an asset: from the executable itself when it is one, else the first file that exists. */
export async function readAsset(name: AssetName): Promise<string> {
  if (inSea()) return seaAsset(name);
  const tried: string[] = [];
  for (const url of assetCandidates(name)) {
    try {
      return await readFile(url, "utf8");
    } catch (e) {
      tried.push(`${url.pathname} (${(e as NodeJS.ErrnoException).code ?? "unreadable"})`);
    }
  }
  throw new Error(`${name} not found; tried ${tried.join(", ")}`);
}
