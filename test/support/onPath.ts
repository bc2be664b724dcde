import { existsSync } from "node:fs";
import { join } from "node:path";

/** Whether a program of that name is in a directory of PATH (what a test needs before it skips). */
export const onPath = (name: string): boolean => (process.env.PATH ?? "/usr/sbin:/usr/bin:/sbin:/bin").split(":").some((d) => d !== "" && existsSync(join(d, name)));
