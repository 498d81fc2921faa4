/**
 * `pnpm bench`: every benchmark of the repository in one table, each row with its
 * baseline measured in the same run. The cases live next to what they measure:
 * the converter's in `bench.ts`, the client's in `packages/client/bench/`.
 */
import { clientBenchCases } from '../../packages/client/bench/client-bench.js';
import { sandboxBenchCases } from '../../packages/sandbox/bench/load-bench.js';
import { DEFAULT_SETTINGS, printBench, runScript } from './bench-harness.js';
import { converterBenchCases } from './bench.js';
import { scaleBenchCases } from './bench-scale.js';

runScript(() =>
  printBench([...converterBenchCases(), ...scaleBenchCases(), ...clientBenchCases(), ...sandboxBenchCases()], DEFAULT_SETTINGS),
);
