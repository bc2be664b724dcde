/** Names the live view is reached by: the address it listens on, and localhost. */
const NAMES = ["127.0.0.1", "localhost"];

/**
 * True when a request's Host header names the live view itself. Listening on loopback is not
 * enough: through DNS rebinding a page from any site sends requests here with its own host
 * name, and the agent's state would be readable by it. Pure.
 */
export function isOwnHost(host: string | undefined, port: number): boolean {
  if (host === undefined) return false;
  const h = host.toLowerCase();
  // Browsers leave the port out only when it is the scheme's default.
  return NAMES.some((name) => h === `${name}:${port}` || (port === 80 && h === name));
}
