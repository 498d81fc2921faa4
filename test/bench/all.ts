/**
 * `pnpm bench`: every benchmark of the repository in one table, each row with its
 * baseline measured in the same run. Each bench is a module of this folder:
 * the converter's (`converter.ts`, and `scale.ts`: a 5 MB blueprint), the pipeline's (`pipeline.ts`: `check` and `generate`,
 * whole process), the client's (`client.ts`), the sandbox's
 * (`sandbox.ts`, the 1,000-flow load row among them). `--no-fail` reports missed
 * targets without failing.
 */
import { clientBenchCases } from './client.js';
import { converterBenchCases } from './converter.js';
import { runBenchMain } from './harness.js';
import { pipelineBenchCases } from './pipeline.js';
import { sandboxBenchCases } from './sandbox.js';
import { scaleBenchCases } from './scale.js';

runBenchMain(() => [
  ...converterBenchCases(),
  ...scaleBenchCases(),
  ...pipelineBenchCases(),
  ...clientBenchCases(),
  ...sandboxBenchCases(),
]);
