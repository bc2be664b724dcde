import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";

const repo = new URL("../../", import.meta.url);

// What `"license"` in package.json promises must be the text that ships beside the program.
describe("the licence", () => {
  it("LICENSE holds the MIT terms package.json names, with a copyright line", async () => {
    const pkg = JSON.parse(await readFile(new URL("package.json", repo), "utf8")) as { license: string };
    expect(pkg.license).toBe("MIT");
    const text = await readFile(new URL("LICENSE", repo), "utf8");
    expect(text.split("\n")[0]).toBe("MIT License");
    expect(text).toMatch(/^Copyright \(c\) \d{4} \S/m);
    expect(text.replace(/\s+/g, " ")).toContain("Permission is hereby granted, free of charge, to any person obtaining a copy of this software");
  });
});
