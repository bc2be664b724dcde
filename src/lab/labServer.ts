import { execa, type ResultPromise } from "execa";
import { runCommand, describeFailure } from "../effects/run.js";
import { splitLines } from "../lines/splitLines.js";
import { selfCommand } from "./cli.js";

/** Makes a self-signed EC certificate for `ip` (its own CA file) in `dir`, as `<name>.crt` and `<name>.key`. */
export async function makeCertificate(dir: string, ip: string, name = "server"): Promise<{ certFile: string; keyFile: string }> {
  const certFile = `${dir}/${name}.crt`;
  const keyFile = `${dir}/${name}.key`;
  const r = await runCommand([
    "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
    "-days", "2", "-subj", "/CN=wsl-vpn-agent lab", "-addext", `subjectAltName=IP:${ip}`,
    "-keyout", keyFile, "-out", certFile,
  ], { timeoutMs: 20_000 });
  if (!r.ok) throw new Error(describeFailure(r));
  return { certFile, keyFile };
}

export type ServerChild = ResultPromise<{ reject: false; buffer: false; stdin: "ignore"; stderr: "inherit" }>;

/** Starts `lab serve` inside the server namespace and waits until it listens. */
export async function spawnServer(netns: string, files: { certFile: string; keyFile: string }, quitOnUserAgent?: string): Promise<{ child: ServerChild }> {
  const args = ["netns", "exec", netns, ...selfCommand(), "lab", "serve", "--port", "443", "--cert", files.certFile, "--key", files.keyFile];
  if (quitOnUserAgent !== undefined) args.push("--quit-on-user-agent", quitOnUserAgent);
  const child = execa("ip", args, { reject: false, buffer: false, stdin: "ignore", stderr: "inherit" });
  for await (const line of splitLines(child.stdout, 1024)) {
    // Wrapped: returning the child itself from an async function would wait for it to exit.
    if (line.bytes.toString().startsWith("listening")) return { child };
  }
  const end = await child;
  throw new Error(`lab server did not start (exit ${end.exitCode ?? end.signal ?? "?"})`);
}
