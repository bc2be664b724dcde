/**
 * One URL as given, with its userinfo replaced by "***": what lies between "://" (or the start,
 * for the scheme-less "user:pw@host:port" that https_proxy allows) and the last "@". Messages show
 * this instead of the URL, whatever else is wrong with it: a password may hold any character, "/"
 * and "@" included, and a message may cut the URL short. Pure.
 */
export function maskUserinfo(raw: string): string {
  const at = raw.lastIndexOf("@");
  if (at === -1) return raw;
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(raw)?.[0] ?? "";
  return `${scheme}***${raw.slice(at)}`;
}
