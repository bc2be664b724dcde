/** The oldest Node major the program runs on (package.json `engines`; the binary carries its own). */
export const MIN_NODE_MAJOR = 24;

/** Why this Node cannot run the program, or null when it can. `version` is `process.versions.node`. */
export function unsupportedNode(version: string, execPath: string): string | null {
  const major = Number(/^v?(\d+)\./.exec(version)?.[1]);
  if (Number.isInteger(major) && major >= MIN_NODE_MAJOR) return null;
  return `needs Node.js ${MIN_NODE_MAJOR} or later, but ${execPath} is Node.js ${version}: use the wsl-vpn-agent executable (it carries its own Node) or install Node.js ${MIN_NODE_MAJOR}`;
}
