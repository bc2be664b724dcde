import type { LabNames } from "../names.js";
import type { LabTopology } from "../topologies.js";
import { buildContainer } from "./container.js";
import { buildMirrored } from "./mirrored.js";
import { buildProxy } from "./proxy.js";
import { buildSplit } from "./split.js";
import { buildRaise } from "./raise.js";
import { buildMulti } from "./multi.js";

/** What a topology's builder gets: the lab's names and its private directory (certificates, sockets). */
export interface ShapeContext {
  readonly names: LabNames;
  readonly dir: string;
  /** Creates a namespace the lab then owns (removed on destroy, also after a failed build); use it for every extra one. */
  readonly addNamespace: (ns: string) => Promise<void>;
}

/**
 * Adds a topology's own namespaces, links and processes to a built base lab; returns what to stop
 * on destroy and, optionally, lines telling a user what else is there (`lab up` prints them).
 */
export type ShapeBuilder = (ctx: ShapeContext) => Promise<{ readonly stop?: () => Promise<void>; readonly notes?: readonly string[] }>;

/**
 * The builder of each topology beyond the base lab. `full` is the base lab itself. A topology
 * without a builder here is refused by createLab, so a name can never silently give the base lab.
 */
export const shapeBuilders: Partial<Record<LabTopology, ShapeBuilder>> = {
  full: () => Promise.resolve({}),
  container: buildContainer,
  proxy: buildProxy,
  split: buildSplit,
  raise: buildRaise,
  mirrored: buildMirrored,
  multi: buildMulti,
};
