import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { canonicalPrefixes, formatPrefix, isCanonicalPrefix, networkOf, parsePrefix, type Prefix } from "../../src/windows/prefix.js";

const prefix: fc.Arbitrary<Prefix> = fc.record({ address: fc.integer({ min: 0, max: 2 ** 32 - 1 }), length: fc.integer({ min: 0, max: 32 }) });

describe("IPv4 prefixes (src/windows/prefix.ts)", () => {
  test.prop([prefix])("a formatted prefix reads back itself", (p) => {
    expect(parsePrefix(formatPrefix(p))).toEqual(p);
  });

  test.prop([fc.array(prefix, { maxLength: 20 })])("canonical lists are canonical, order-free and idempotent", (list) => {
    const canon = canonicalPrefixes(list);
    expect(canon.every(isCanonicalPrefix)).toBe(true);
    expect(new Set(canon).size).toBe(canon.length);
    expect(canonicalPrefixes([...list].reverse())).toEqual(canon);
    expect(canonicalPrefixes(canon.map((t) => parsePrefix(t) as Prefix))).toEqual(canon);
  });

  test.prop([fc.string({ maxLength: 40 })])("parsePrefix never throws on any text", (text) => {
    const r = parsePrefix(text);
    expect(typeof r === "string" || (r.address >= 0 && r.address < 2 ** 32 && r.length <= 32)).toBe(true);
  });

  it("clears host bits and sorts by address, then length", () => {
    const parse = (t: string) => parsePrefix(t) as Prefix;
    expect(formatPrefix(networkOf(parse("10.1.2.3/8")))).toBe("10.0.0.0/8");
    expect(formatPrefix(networkOf(parse("255.255.255.255/0")))).toBe("0.0.0.0/0");
    expect(formatPrefix(networkOf(parse("198.18.2.7/32")))).toBe("198.18.2.7/32");
    expect(canonicalPrefixes(["192.168.0.0/16", "10.9.0.0/8", "10.0.0.0/16", "10.0.0.0/8"].map(parse))).toEqual(["10.0.0.0/8", "10.0.0.0/16", "192.168.0.0/16"]);
  });

  it.each(["10.0.0.0", "10.0.0/8", "10.0.0.0/33", "256.0.0.0/8", "010.0.0.0/8", "10.0.0.0/08", " 10.0.0.0/8", "10.0.0.0/8\n", "::/0", "1e1.0.0.0/8"])(
    "refuses %j",
    (text) => {
      expect(typeof parsePrefix(text)).toBe("string");
    },
  );
});
