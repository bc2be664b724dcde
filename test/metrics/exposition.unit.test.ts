import { describe, expect, it } from "vitest";
import { parseExposition, sampleValue } from "../support/exposition.js";

const ok = '# HELP a_total Things.\n# TYPE a_total counter\na_total{x="q\\"\\\\\\n"} 3\n# TYPE h histogram\nh_bucket{le="1"} 1\nh_bucket{le="+Inf"} 2\nh_sum 4.5\nh_count 2\n';

describe("the test's exposition parser", () => {
  it("reads families, escaped labels and histograms", () => {
    const f = parseExposition(ok);
    expect(f.get("a_total")).toEqual({ type: "counter", help: "Things.", samples: [{ name: "a_total", labels: { x: 'q"\\\n' }, value: 3 }] });
    expect(sampleValue(f, "h_bucket", { le: "+Inf" })).toBe(2);
  });

  it.each([
    ["an unknown escape", 'a{x="\\t"} 1\n'],
    ["an unterminated value", 'a{x="b} 1\n'],
    ["a raw newline in a value", 'a{x="b\n"} 1\n'],
    ["no final newline", "a 1"],
    ["a bad value", "a one\n"],
    ["the same series twice", 'a{x="1"} 1\na{x="1"} 2\n'],
    ["a label twice", 'a{x="1",x="2"} 1\n'],
    ["a family split in two", "a 1\nb 1\na{x=\"2\"} 1\n"],
    ["TYPE after samples", "a 1\n# TYPE a gauge\n"],
    ["a negative counter", "# TYPE a counter\na -1\n"],
    ["buckets not cumulative", '# TYPE h histogram\nh_bucket{le="1"} 2\nh_bucket{le="+Inf"} 1\nh_sum 1\nh_count 1\n'],
    ["+Inf not the count", '# TYPE h histogram\nh_bucket{le="+Inf"} 1\nh_sum 1\nh_count 2\n'],
    ["a lone surrogate", 'a{x="\ud800"} 1\n'],
  ])("rejects %s", (_, text) => {
    expect(() => parseExposition(text)).toThrow();
  });
});
