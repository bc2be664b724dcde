import { writeFile } from "node:fs/promises";
import { EnvironmentError, ExitCode } from "../errors.js";
import { writeErrorReason } from "../fs/fileErrorReason.js";

/** Writes a command's result to `file`, or to stdout when no file is given. */
export async function writeOutput(text: string, file?: string): Promise<void> {
  if (file === undefined) {
    process.stdout.write(text);
    return;
  }
  try {
    await writeFile(file, text, "utf8");
  } catch (error) {
    const reason = writeErrorReason(error);
    if (reason === null) throw error;
    throw new EnvironmentError(`cannot write ${file}: ${reason}`, ExitCode.failure, { cause: error });
  }
}
