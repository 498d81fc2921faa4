/**
 * Runs verify's checks in order against one server: decides which to skip (no state on
 * a mock, no --purchase, a missing prerequisite), gives each a context to make calls
 * and record problems, follows polling, and collects one result per check.
 */
import type { ContractSession, CallSpec, Exchange } from './exchange.js';
import { BadAnswer, NoAnswer } from './fetch-answer.js';
import type { VerifySettings } from './settings.js';

export type Outcome = 'passed' | 'failed' | 'skipped';

/** One check's result, for the summary and the JUnit report. */
export interface CheckResult {
  title: string;
  operationId: string;
  outcome: Outcome;
  /** Why it failed: each names the operation, the status and the part at fault. */
  problems: string[];
  /** Undocumented members and other remarks that do not fail the check. */
  warnings: string[];
  /** Why it was skipped. */
  skipped?: string;
  exchanges: Array<Pick<Exchange, 'operationId' | 'method' | 'target' | 'ms'> & { status: number }>;
  ms: number;
}

/** What the status and body of an answer must be. */
export interface Expectation {
  /** Acceptable statuses (the first is named in messages). */
  status: number | readonly number[];
  /** `error.code` of an `Error` body. */
  errorCode?: number;
  /** `fault.detail.errorcode` of a `Fault` body. */
  faultCode?: string;
  /** The request deliberately breaks the contract (a probe); else it must follow it. */
  invalidRequest?: boolean;
}

/** One check: a step of the flow or a provoked error. */
export interface Check<State> {
  title: string;
  /** The operation it is about (JUnit class name). */
  operationId: string;
  /** Set when the check needs a server that keeps state or applies rules beyond the document: the reason a mock cannot pass it. */
  needsState?: string;
  /** Pays or buys: runs only with --purchase. */
  buys?: boolean;
  /** Why it cannot run with what earlier checks left (undefined: it can). */
  needs?(state: State, settings: VerifySettings): string | undefined;
  run(context: CheckContext<State>): Promise<void>;
}

/** Thrown when the first call gets no answer at all (the server cannot be reached): the run ends with exit status 2. */
export class Unreachable extends Error {
  constructor(
    message: string,
    /** The checks that ended before it (skipped ones), for the report. */
    readonly results: readonly CheckResult[],
  ) {
    super(message);
  }
}

/** What a running check can do. */
export class CheckContext<State> {
  readonly problems: string[] = [];
  readonly warnings: string[] = [];
  readonly exchanges: CheckResult['exchanges'] = [];

  constructor(
    readonly state: State,
    readonly settings: VerifySettings,
    private readonly session: ContractSession,
    private readonly headersFor: (operationId: string) => Record<string, string>,
    private readonly signal: AbortSignal,
  ) {}

  /** Records a problem that fails the check. */
  fail(problem: string): void {
    this.problems.push(problem);
  }

  /** Makes a call with the usual credentials and headers (override or drop them in `spec.headers` / `noApiKey`), checks it, and checks the expectation when given. */
  async call(spec: CallSpec & { noApiKey?: boolean }, expect?: Expectation): Promise<Exchange> {
    const query = spec.noApiKey ? { ...spec.query } : { apikey: this.settings.apiKey, ...spec.query };
    const headers = { ...this.headersFor(spec.operationId), ...spec.headers };
    // An explicit empty value removes a default header (a probe without True-Client-IP).
    for (const [name, value] of Object.entries(headers)) if (value === '') delete headers[name];
    const exchange = await this.session.send({ ...spec, query, headers });
    this.exchanges.push({
      operationId: exchange.operationId,
      method: exchange.method,
      target: exchange.target,
      ms: exchange.ms,
      status: exchange.answer.status,
    });
    this.problems.push(...exchange.problems);
    this.warnings.push(...exchange.undocumented.map((where) => `undocumented member: ${where}`));
    if (expect?.invalidRequest) {
      if (exchange.requestProblems.length === 0)
        this.fail(`${spec.operationId}: verify's probe request was meant to break the contract but does not (a verify bug)`);
    } else if (exchange.requestProblems.length > 0) {
      this.fail(
        `${spec.operationId}: verify sent a request the contract does not allow (a verify bug): ${exchange.requestProblems.join('; ')}`,
      );
    }
    if (expect) this.expect(exchange, expect);
    return exchange;
  }

  /**
   * Makes a call of a "Polling: Yes" operation and follows its 202 answers to the final
   * one, which must meet `expect`. Each poll is checked as `poll` and the final answer
   * also as an answer of the polled operation.
   */
  async callPolling(spec: CallSpec, expect: Expectation): Promise<Exchange> {
    const final = await this.follow(await this.call(spec), spec.operationId);
    this.expect(final, expect);
    return final;
  }

  /** Checks status and error code of an answer. */
  expect(exchange: Exchange, expect: Expectation): void {
    const statuses = typeof expect.status === 'number' ? [expect.status] : expect.status;
    const { status, body } = exchange.answer;
    if (!statuses.includes(status)) {
      this.fail(`${exchange.operationId}: expected status ${statuses.join(' or ')}, got ${status}`);
      return;
    }
    // A mock answers with a documented example, whose code need not be the one provoked.
    if (this.settings.stateless) return;
    if (expect.errorCode !== undefined) {
      const code = (body as { error?: { code?: unknown } } | undefined)?.error?.code;
      if (code !== expect.errorCode)
        this.fail(`${exchange.operationId} ${status}: expected error code ${expect.errorCode}, got ${JSON.stringify(code)}`);
    }
    if (expect.faultCode !== undefined) {
      const code = (body as { fault?: { detail?: { errorcode?: unknown } } } | undefined)?.fault?.detail?.errorcode;
      if (code !== expect.faultCode)
        this.fail(`${exchange.operationId} ${status}: expected fault ${expect.faultCode}, got ${JSON.stringify(code)}`);
    }
  }

  private async follow(first: Exchange, polled: string): Promise<Exchange> {
    let current = first;
    const started = Date.now();
    const base = new URL(this.session.baseUrl);
    while (current.answer.status === 202) {
      const pollingUrl = (current.answer.body as { polling_url?: unknown } | undefined)?.polling_url;
      const wait = (current.answer.body as { wait?: unknown } | undefined)?.wait;
      if (typeof pollingUrl !== 'string') return current; // the schema check has said why
      let url: URL;
      try {
        url = new URL(pollingUrl, base);
      } catch {
        this.fail(`${current.operationId} 202: polling_url is not a URL`);
        return current;
      }
      if (url.origin !== base.origin) {
        // Credentials never go to another origin. A mock's polling_url is the document's example.
        const message = `${current.operationId} 202: polling_url points at ${url.origin}, not ${base.origin}; not followed`;
        if (this.settings.stateless) this.warnings.push(message);
        else this.fail(message);
        return current;
      }
      const waitMs = Math.min(Math.max(typeof wait === 'number' ? wait : 0, 0), 10) * 1000;
      if (Date.now() + waitMs - started > this.settings.pollingDeadlineMs) {
        this.fail(`${polled}: still 202 after ${Math.round((Date.now() - started) / 1000)} s of polling`);
        return current;
      }
      await sleep(waitMs, this.signal);
      const query: Record<string, string> = url.searchParams.has('apikey') ? {} : { apikey: this.settings.apiKey };
      current = await this.call({ operationId: 'poll', url: url.href, query, answersFor: polled, noApiKey: true });
    }
    return current;
  }
}

/**
 * Runs the checks in order; throws {@link Unreachable} when the very first call gets no
 * answer. When the server was reached but its first answer was not whole HTTP, that check
 * fails and the rest are skipped: nothing later could pass, and each would wait its timeout.
 */
export async function runChecks<State>(
  checks: ReadonlyArray<Check<State>>,
  state: State,
  settings: VerifySettings,
  session: ContractSession,
  headersFor: (operationId: string) => Record<string, string>,
  signal: AbortSignal,
  onResult: (result: CheckResult) => void = () => {},
): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  let answered = false;
  let abandoned: string | undefined;
  for (const check of checks) {
    signal.throwIfAborted();
    const base = { title: check.title, operationId: check.operationId, problems: [], warnings: [], exchanges: [], ms: 0 };
    const skipped =
      abandoned ??
      (settings.stateless && check.needsState !== undefined
        ? `needs a server with state: ${check.needsState}`
        : check.buys && !settings.purchase
          ? 'pays or buys: runs with --purchase (never on the production host)'
          : check.needs?.(state, settings));
    if (skipped !== undefined) {
      const result: CheckResult = { ...base, outcome: 'skipped', skipped };
      results.push(result);
      onResult(result);
      continue;
    }
    const context = new CheckContext(state, settings, session, headersFor, signal);
    const started = performance.now();
    try {
      await check.run(context);
    } catch (error) {
      if (signal.aborted) throw error;
      const first = !answered && context.exchanges.length === 0;
      if (error instanceof NoAnswer) {
        if (first) throw new Unreachable(error.message, results);
        context.fail(`no answer: ${error.message}`);
      } else if (error instanceof BadAnswer) {
        context.fail(`bad answer: ${error.message}`);
        if (first) abandoned = "not run: the server's first answer was not whole HTTP (see the failed check)";
      } else {
        context.fail(`verify could not finish the check: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    answered ||= context.exchanges.length > 0;
    const result: CheckResult = {
      ...base,
      outcome: context.problems.length > 0 ? 'failed' : 'passed',
      problems: [...new Set(context.problems)],
      warnings: [...new Set(context.warnings)],
      exchanges: context.exchanges,
      ms: performance.now() - started,
    };
    results.push(result);
    onResult(result);
  }
  return results;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
