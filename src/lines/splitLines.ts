/** A line cut from a byte stream. `bytes` excludes the newline (and a CR before it). */
export interface RawLine {
  /** 1-based line number. */
  readonly number: number;
  readonly bytes: Buffer;
  /** False for a last line that the stream ended without a newline (possibly torn). */
  readonly terminated: boolean;
  /** True when the line was longer than the limit; `bytes` then holds only its start. */
  readonly overflow: boolean;
}

const NL = 0x0a;
const CR = 0x0d;

/**
 * Splits a byte stream into lines without ever holding more than `maxBytes` of one line, so a
 * runaway line cannot exhaust memory. CRLF and LF both end a line.
 */
export async function* splitLines(chunks: AsyncIterable<Buffer | string>, maxBytes: number): AsyncGenerator<RawLine> {
  let parts: Buffer[] = [];
  let size = 0;
  let overflow = false;
  let number = 0;
  const cut = (terminated: boolean): RawLine => {
    let bytes = parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts, size);
    if (terminated && bytes.length > 0 && bytes[bytes.length - 1] === CR) bytes = bytes.subarray(0, bytes.length - 1);
    const line = { number: ++number, bytes, terminated, overflow };
    parts = [];
    size = 0;
    overflow = false;
    return line;
  };
  const keep = (piece: Buffer): void => {
    const room = maxBytes + 1 - size; // one spare byte so a CR before the newline still fits
    if (piece.length > room) {
      overflow = true;
      piece = piece.subarray(0, Math.max(room, 0));
    }
    if (piece.length > 0) {
      parts.push(piece);
      size += piece.length;
    }
  };
  for await (const chunk of chunks) {
    const buf = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    let from = 0;
    for (let nl = buf.indexOf(NL, from); nl !== -1; nl = buf.indexOf(NL, from)) {
      keep(buf.subarray(from, nl));
      yield cut(true);
      from = nl + 1;
    }
    if (from < buf.length) keep(buf.subarray(from));
  }
  if (size > 0 || overflow) yield cut(false);
}
