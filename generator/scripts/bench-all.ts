/**
 * `pnpm bench`: every benchmark of the repository in one table, each row with its
 * baseline measured in the same run. The cases live next to what they measure:
 * the converter's in `bench.ts`, the client's in `packages/client/bench/`.
 */
import { pipelineBenchCases } from '../../packages/cli/bench/pipeline-bench.js';
import { clientBenchCases } from '../../packages/client/bench/client-bench.js';
import { sandboxBenchCases } from '../../packages/sandbox/bench/load-bench.js';
import { DEFAULT_SETTINGS, printBench, runScript } from './bench-harness.js';
import { converterBenchCases } from './bench.js';

runScript(() =>
  printBench([...converterBenchCases(), ...clientBenchCases(), ...sandboxBenchCases(), ...pipelineBenchCases()], DEFAULT_SETTINGS),
);
