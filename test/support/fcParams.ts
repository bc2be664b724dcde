/**
 * fast-check parameters for property tests: a fresh random seed on every run unless FC_SEED is set
 * (with FC_PATH, a failure's exact counterexample); FC_RUNS overrides the run count. On failure
 * fast-check prints the seed and path to put in those variables.
 */
export function fcParams(numRuns: number): { seed?: number; path?: string; numRuns: number; verbose: 1 } {
  const { FC_SEED, FC_PATH, FC_RUNS } = process.env;
  return {
    ...(FC_SEED === undefined ? {} : { seed: Number(FC_SEED) }),
    ...(FC_PATH === undefined ? {} : { path: FC_PATH }),
    numRuns: Number(FC_RUNS ?? numRuns),
    verbose: 1,
  };
}
