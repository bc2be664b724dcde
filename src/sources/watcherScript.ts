import { ASSETS, readAsset } from "../assets/readAsset.js";

/** Reads the shipped watcher script (from the executable, next to the bundle, or the repository). */
export function loadWatcherScript(): Promise<string> {
  return readAsset(ASSETS.watcher);
}
