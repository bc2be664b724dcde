declare const __AGENT_VERSION__: string | undefined;
/** package.json's version, put in by the build (scripts/build.mjs); "dev" when run from source. */
export const AGENT_VERSION = typeof __AGENT_VERSION__ === "string" ? __AGENT_VERSION__ : "dev";
