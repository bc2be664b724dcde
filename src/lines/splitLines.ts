/** A line cut from a byte stream. `bytes` excludes the newline (and a CR before it). */
export interface RawLine {
  /** 1-based line number. */
  readonly number: number;
  readonly bytes: Buffer;
  /** False for a last line that the stream ended without a newline (possibly torn), and for a line yielded as overflowing before its end. */
  readonly terminated: boolean;
  /**
   * True when the line is longer than the limit: it is yielded as soon as that is known, with
   * `bytes` holding only its start, and the rest of it, up to its newline, is skipped unread.
   */
  readonly overflow: boolean;
}

const NL = 0x0a;
const CR = 0x0d;

/**
 * Splits a byte stream into lines of at most `maxBytes` (not counting the newline and a CR before
 * it) without ever holding more than that of one line, so a runaway line cannot exhaust memory,
 * and says so as soon as a line passes the limit, so a reader that stops there never waits for
 * an end that may not come (`/dev/zero`). CRLF and LF both end a line.
 */
export async function* splitLines(chunks: AsyncIterable<Buffer | string>, maxBytes: number): AsyncGenerator<RawLine> {
  let parts: Buffer[] = [];
  let size = 0;
  let skipping = false; // inside a line already yielded as overflowing
  let number = 0;
  const cut = (terminated: boolean): RawLine => {
    let bytes = parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts, size);
    if (terminated && bytes.length > 0 && bytes[bytes.length - 1] === CR) bytes = bytes.subarray(0, bytes.length - 1);
    const overflow = bytes.length > maxBytes;
    parts = [];
    size = 0;
    return { number: ++number, bytes, terminated, overflow };
  };
  // One spare byte: a CR before the newline does not count, and the byte after the limit proves an overflow.
  const room = maxBytes + 2;
  for await (const chunk of chunks) {
    const buf = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    let from = 0;
    while (from < buf.length) {
      const nl = buf.indexOf(NL, from);
      const end = nl === -1 ? buf.length : nl;
      if (!skipping) {
        const piece = buf.subarray(from, Math.min(end, from + room - size));
        if (piece.length > 0) {
          parts.push(piece);
          size += piece.length;
        }
        // Past the limit even if its last byte were a CR before the newline: yield it now.
        if (size === room) {
          yield cut(false);
          skipping = true;
        }
      }
      if (nl === -1) break;
      if (skipping) skipping = false;
      else yield cut(true);
      from = nl + 1;
    }
  }
  if (size > 0) yield cut(false);
}
