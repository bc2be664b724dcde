import { describe, expect, it } from "vitest";
import { hasControl } from "../../src/text/escapeControl.js";
import { MAX_ANSWER_HEAD, readConnectAnswer } from "../../src/proxy/connectAnswer.js";

const answer = (text: string): ReturnType<typeof readConnectAnswer> => readConnectAnswer(Buffer.from(text, "latin1"));

describe("a proxy's answer to CONNECT", () => {
  it.each([
    ["HTTP/1.1 200 Connection established\r\n\r\n", 200, "Connection established"],
    ["HTTP/1.0 200 OK\r\nProxy-Agent: squid\r\n\r\n", 200, "OK"],
    ['HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="corp"\r\nContent-Length: 0\r\n\r\n', 407, "Proxy Authentication Required"],
    ["HTTP/1.1 403\r\n\r\n", 403, "Forbidden"], // no phrase: the standard one
    ["HTTP/1.1 502 \r\n\r\n", 502, "Bad Gateway"],
    ["HTTP/1.1 200 OK\n\n", 200, "OK"], // bare LF line ends
  ])("%j → %i %s", (text, status, reason) => {
    expect(answer(text)).toMatchObject({ kind: "answer", status, reason });
  });

  it("keeps the bytes after the head: they are the tunnel's", () => {
    const a = answer("HTTP/1.1 200 OK\r\n\r\n\x16\x03\x01");
    expect(a.kind === "answer" && [...a.rest]).toEqual([0x16, 0x03, 0x01]);
  });

  it("reads the same answer however it is split across packets", () => {
    const whole = 'HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="corp"\r\n\r\nTAIL';
    for (let cut = 0; cut < whole.length; cut++) {
      const part = answer(whole.slice(0, cut));
      // A prefix is never mistaken for an answer or for garbage.
      expect(part.kind, `cut at ${cut}`).toBe(cut >= whole.indexOf("\r\n\r\n") + 4 ? "answer" : "more");
    }
    expect(answer(whole)).toMatchObject({ kind: "answer", status: 407, reason: "Proxy Authentication Required" });
  });

  it.each([
    ["SSH-2.0-OpenSSH_9.6\r\n", /did not answer CONNECT with HTTP \(it sent SSH-2\.0/],
    ["\x16\x03\x01\x00", /did not answer CONNECT with HTTP/], // a TLS record: an https:// proxy, or none
    ["HTTP/2 200\r\n\r\n", /did not answer CONNECT with HTTP/],
    ["HTTP/1.1 20 OK\r\n\r\n", /did not answer CONNECT with HTTP/],
    ["HTTP/1.1 200OK\r\n\r\n", /did not answer CONNECT with HTTP/],
  ])("%j is not an answer", (text, problem) => {
    const a = answer(text);
    expect(a.kind).toBe("bad");
    expect(a.kind === "bad" && a.problem).toMatch(problem);
  });

  it("refuses a head longer than the bound instead of buffering it", () => {
    const long = `HTTP/1.1 200 OK\r\nX-Pad: ${"a".repeat(MAX_ANSWER_HEAD)}`;
    expect(answer(long)).toMatchObject({ kind: "bad", problem: `sent more than ${MAX_ANSWER_HEAD} bytes without ending its answer's header` });
    // Also when the end arrives, but too late.
    expect(answer(`${long}\r\n\r\n`)).toMatchObject({ kind: "bad" });
  });

  it("renders a hostile reason phrase inert and short", () => {
    const a = answer(`HTTP/1.1 403 \x1b]0;pwned\x07${"x".repeat(5000)}\r\n\r\n`);
    expect(a.kind).toBe("answer");
    const reason = a.kind === "answer" ? a.reason : "";
    expect(hasControl(reason)).toBe(false);
    expect(reason.startsWith("\\x1b]0;pwned\\x07")).toBe(true);
    expect(reason.length).toBeLessThan(100);
  });
});
