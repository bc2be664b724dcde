import { open } from "node:fs/promises";

/** The file was larger than the limit: only the limit was read. */
export class TooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(`larger than ${maxBytes} bytes`);
  }
}

/**
 * Reads a whole file of at most `maxBytes`, never more: a device like /dev/zero or a runaway file
 * costs at most the limit, then TooLarge. Errors of `fs` pass through with their errno.
 */
export async function readBounded(path: string, maxBytes: number): Promise<Buffer> {
  const handle = await open(path, "r");
  try {
    const buf = Buffer.alloc(maxBytes + 1);
    let size = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buf, size, buf.length - size, null);
      if (bytesRead === 0) return buf.subarray(0, size);
      size += bytesRead;
      if (size > maxBytes) throw new TooLarge(maxBytes);
    }
  } finally {
    await handle.close();
  }
}
