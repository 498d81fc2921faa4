/**
 * `verifyServer`: one verification run. Loads the OpenAPI document that
 * `@tm-partner/generated` ships, runs every check against the server, prints a line per
 * check and the summary, and writes the JUnit report when asked.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ContractValidator, type OpenApiDocument } from '@tm-partner/sandbox';
import { PATHS } from '../paths.js';
import { CHECKS, type FlowState, headersFor } from './checks.js';
import { ContractSession } from './exchange.js';
import { checkReportFile, writeReportFile } from './report-file.js';
import { progressLine, summary, totalsOf, junitXml } from './report.js';
import { runChecks, Unreachable, type CheckResult } from './run-checks.js';
import type { VerifySettings } from './settings.js';

/** The run could not take place (the server cannot be reached): exit status 2. */
export class VerifyError extends Error {
  readonly exitStatus = 2;
}

/** What a run found. */
export interface VerifyRun {
  conforms: boolean;
  results: CheckResult[];
}

/** Verifies the server named by the settings; `write` receives each line of output. */
export async function verifyServer(settings: VerifySettings, io: { write(line: string): void; signal: AbortSignal }): Promise<VerifyRun> {
  // Before any request: a report that could never be written must not cost a whole run (or a purchase).
  const junitFile = settings.junit === undefined ? undefined : resolve(settings.junit);
  if (junitFile !== undefined) await checkReportFile(junitFile);
  const document = JSON.parse(readFileSync(PATHS.openapi, 'utf8')) as OpenApiDocument & { info?: { version?: string } };
  const validator = new ContractValidator(document);
  const session = new ContractSession(document, validator, settings.baseUrl, settings.timeoutMs, io.signal);
  const state: FlowState = {};
  const version = document.info?.version ?? '?';
  io.write(
    `verify ${settings.baseUrl} against the Partner-App API ${version} (${PATHS.openapi})` +
      `${settings.stateless ? '; stateless server: checks that need state are skipped' : ''}` +
      `${settings.purchase ? '; buying with the test card' : '; not buying (no --purchase)'}`,
  );
  const started = new Date();
  const report = async (xml: string): Promise<void> => {
    if (junitFile === undefined) return;
    await writeReportFile(junitFile, xml);
    io.write(`JUnit report: ${junitFile}`);
  };
  let results: CheckResult[];
  try {
    results = await runChecks(CHECKS, state, settings, session, headersFor(endUserOperations(document), state), io.signal, (result) =>
      io.write(progressLine(result)),
    );
  } catch (error) {
    if (!(error instanceof Unreachable)) throw error;
    const message = `cannot reach ${settings.baseUrl}: ${error.message}`;
    // A CI step that publishes the report finds one that says why, not none.
    await report(junitXml(error.results, settings.baseUrl, version, started, message));
    throw new VerifyError(message);
  }
  io.write('');
  io.write(summary(results, settings.baseUrl));
  await report(junitXml(results, settings.baseUrl, version, started));
  return { conforms: totalsOf(results).failed === 0, results };
}

/** Operations that take the end user's `True-Client-IP` (and `Original-User-Id`). */
function endUserOperations(document: OpenApiDocument): Set<string> {
  const ids = new Set<string>();
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item)) {
      const op = operation as { operationId?: string; parameters?: Array<{ name?: string; in?: string }> };
      if (op.operationId && op.parameters?.some((p) => p.in === 'header' && p.name?.toLowerCase() === 'true-client-ip'))
        ids.add(op.operationId);
    }
  }
  return ids;
}
