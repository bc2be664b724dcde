/** The longest Linux interface name, in bytes (IFNAMSIZ less its NUL). */
export const IFACE_NAME_MAX_BYTES = 15;

/**
 * A name the kernel accepts for an interface (`dev_valid_name`: not "." or "..", no '/', ':' or
 * whitespace), and no control characters, which only hide what a name is. Length in characters
 * here; `isKernelIfaceName` also counts the bytes.
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
export const KERNEL_IFACE_NAME = /^(?!\.\.?$)[^\s/:\u0000-\u001f\u007f]{1,15}$/;

/**
 * A name that can be written as it is into an nftables rule's string (nft strings have no
 * escapes) and a /proc/sys path: ASCII letters, digits and `_ . @ + -`, not "." or "..".
 */
export const PLAIN_IFACE_NAME = /^(?!\.\.?$)[A-Za-z0-9_.@+-]{1,15}$/;

/** A name the kernel accepts (config, journal): the rule and at most 15 bytes of UTF-8. Pure. */
export function isKernelIfaceName(v: unknown): v is string {
  return typeof v === "string" && KERNEL_IFACE_NAME.test(v) && new TextEncoder().encode(v).length <= IFACE_NAME_MAX_BYTES;
}

/** A name effects may write into nftables rules and /proc paths, and the `probe --interface` flag accepts. Pure. */
export function isPlainIfaceName(v: string): boolean {
  return PLAIN_IFACE_NAME.test(v);
}
