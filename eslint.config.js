import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "coverage/", "**/*.js", "**/*.mjs", "**/*.tmp.*"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/switch-exhaustiveness-check": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // The machine is pure: no I/O, no clock, no randomness, nothing from the shell.
    files: ["machines/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { regex: "^node:", message: "machines/ is pure: no Node built-ins." },
            { regex: "^(fs|path|os|child_process|net|http|https|tls|dgram|crypto|timers|process)(/.*)?$", message: "machines/ is pure: no Node built-ins." },
            { regex: "^(execa|pino|rxjs)(/.*)?$", message: "machines/ is pure: effects, logs and streams live in src/." },
            { regex: "(^|/)src(/|$)", message: "machines/ must not import the shell (src/)." },
          ],
        },
      ],
      "no-restricted-globals": ["error", "process", "setTimeout", "setInterval", "Date", "fetch", "require"],
      "no-restricted-properties": [
        "error",
        { object: "Math", property: "random", message: "machines/ is deterministic." },
        { object: "Date", property: "now", message: "Time arrives inside events." },
      ],
    },
  },
  {
    files: ["test/**/*.ts", "bench/**/*.ts"],
    rules: {
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-return": "off",
    },
  },
);
