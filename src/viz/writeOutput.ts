import { writeFile } from "node:fs/promises";
import { EnvironmentError, ExitCode } from "../errors.js";

/** Writes a command's result to `file`, or to stdout when no file is given. */
export async function writeOutput(text: string, file?: string): Promise<void> {
  if (file === undefined) {
    process.stdout.write(text);
    return;
  }
  try {
    await writeFile(file, text, "utf8");
  } catch (error) {
    throw new EnvironmentError(`cannot write ${file}: ${(error as Error).message}`, ExitCode.failure, { cause: error });
  }
}
