import type { ProbeEvidence } from "../../machines/evidence.js";

/**
 * Why a probe found no MTU. The kind is for programs (the exit code); the reason, free text, for
 * people (messages, logs, the journal's `probe.failed`).
 */
export type ProbeFailureKind =
  /** The URL's host did not resolve. */
  | "unresolved"
  /** The kernel has no route to the target. */
  | "noRoute"
  /** No TCP connection to the target (or its proxy) at all, before any size was tried. */
  | "unreachable"
  /** A proxy turned the connection away: the probe says nothing about the path. */
  | "proxyRefused"
  /** The proxy setting (flag or environment) is not usable. */
  | "badProxy"
  /** The interface's MTU could not be read. */
  | "linkUnreadable"
  /** Sequential probing (no policy routing) could not set its route. */
  | "sequentialFailed"
  /** Only the sequential method could run, and its main-table route would sit beside a running agent's. */
  | "besideAgent"
  /** Cancelled before it finished. */
  | "aborted"
  /** The target answered, but no size in the range carried TLS. */
  | "noSizeCarried";

export interface ProbeFailure {
  readonly ok: false;
  readonly kind: ProbeFailureKind;
  readonly reason: string;
  readonly iface?: string;
  readonly evidence: ProbeEvidence;
}
