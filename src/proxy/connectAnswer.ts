import { STATUS_CODES } from "node:http";
import { inlineText } from "../text/escapeControl.js";

/** Largest CONNECT answer head read; a proxy talking longer is refused, never buffered without end. */
export const MAX_ANSWER_HEAD = 8192;

export type ConnectAnswer =
  | { readonly kind: "more" }
  /** The head is complete; `rest` are the bytes after it (already the tunnel's). */
  | { readonly kind: "answer"; readonly status: number; readonly reason: string; readonly rest: Buffer }
  | { readonly kind: "bad"; readonly problem: string };

const STATUS_LINE = /^HTTP\/1\.[01] (\d{3})(?: (.*))?$/;

/**
 * Reads a proxy's answer to CONNECT from the bytes received so far: the status line and headers
 * up to the blank line (CRLF or bare LF), at most MAX_ANSWER_HEAD bytes. The reason phrase is the
 * proxy's own, escaped and cut (it may be hostile); when missing, the standard one. Pure.
 */
export function readConnectAnswer(received: Buffer): ConnectAnswer {
  const crlf = received.indexOf("\r\n\r\n");
  const lf = received.indexOf("\n\n");
  const ends = [crlf < 0 ? -1 : crlf + 4, lf < 0 ? -1 : lf + 2].filter((e) => e > 0);
  const end = ends.length === 0 ? -1 : Math.min(...ends);
  if (end < 0 || end > MAX_ANSWER_HEAD) {
    if (received.length > MAX_ANSWER_HEAD || end > MAX_ANSWER_HEAD) return { kind: "bad", problem: `sent more than ${MAX_ANSWER_HEAD} bytes without ending its answer's header` };
    // A first line that cannot become a status line fails early instead of waiting for more.
    if (!"HTTP/1.".startsWith(received.subarray(0, 7).toString("latin1"))) return notHttp(received);
    return { kind: "more" };
  }
  const head = received.subarray(0, end).toString("latin1");
  const firstLine = head.split("\n", 1)[0]?.replace(/\r$/, "") ?? "";
  const m = STATUS_LINE.exec(firstLine);
  if (m === null) return notHttp(received);
  const status = Number(m[1]);
  const own = (m[2] ?? "").trim();
  return { kind: "answer", status, reason: own === "" ? (STATUS_CODES[status] ?? "") : inlineText(own, 80), rest: received.subarray(end) };
}

function notHttp(received: Buffer): ConnectAnswer {
  return { kind: "bad", problem: `did not answer CONNECT with HTTP (it sent ${inlineText(received.subarray(0, 40).toString("latin1"), 40)})` };
}
