/**
 * Any "Polling: Yes" operation may answer 202 `{polling_url, wait}`. The client
 * waits, follows the URL as the URL parser reads it (its query is never re-serialised;
 * the key is appended as text when missing), and repeats until the final answer, within a
 * deadline, an attempt cap and an interval floor, so a malformed `wait` can never
 * make it spin, and only ever to an http(s) URL on the configured API origin without
 * user info in it.
 */
import type { BufferedResponse } from './buffered-response.js';
import { PartnerPollingError } from './errors.js';
import { OutgoingRequest, type RequestParts } from './outgoing-request.js';
import { checkTarget } from './request-target.js';
import type { Secrets } from './secrets.js';

/** Caller-facing polling settings. */
export interface PollingOptions {
  /** Give up after this long, in ms (default 120 000). */
  deadlineMs?: number;
  /** Give up after this many polls (default 60). */
  maxAttempts?: number;
  /** Never wait less than this between polls, in ms (default 1000). */
  minIntervalMs?: number;
  /** Never wait more than this between polls, in ms (default 30 000). */
  maxIntervalMs?: number;
  /** Send `X-TM-FORCE-POLLING: true` to make the API answer with polling (testing). */
  forcePolling?: boolean;
  /** Called before each poll. */
  onPoll?: (progress: PollProgress) => void;
}

/** What `onPoll` is told. */
export interface PollProgress {
  /** 1 for the first poll. */
  attempt: number;
  /** How long the client waits before this poll, in ms. */
  waitMs: number;
  /** Time since the operation started, in ms. */
  elapsedMs: number;
  /** The polling URL with its credentials masked. */
  url: string;
}

/** Everything the polling loop needs from the client. */
export interface PollingContext {
  baseUrl: URL;
  headers: Headers;
  signal?: AbortSignal;
  send: (request: RequestParts) => Promise<BufferedResponse>;
  options: PollingOptions;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  now: () => number;
  /** Redacts the URLs quoted in errors and given to `onPoll`. */
  secrets: Secrets;
}

/** A 202 body that asks the client to poll. */
export interface PollingInstruction {
  polling_url: string;
  wait?: unknown;
}

/** Is this body a polling instruction (as opposed to a final 202 payload)? */
export function isPollingInstruction(body: unknown): body is PollingInstruction {
  return typeof body === 'object' && body !== null && typeof (body as { polling_url?: unknown }).polling_url === 'string';
}

/** Follows polling instructions until an answer that is not one; returns that answer. */
export async function followPolling(first: PollingInstruction, ctx: PollingContext): Promise<BufferedResponse> {
  const { sleep, now } = ctx;
  const { deadlineMs = 120_000, maxAttempts = 60, minIntervalMs = 1000, maxIntervalMs = 30_000, onPoll } = ctx.options;
  const started = now();
  let instruction = first;
  for (let attempt = 1; ; attempt++) {
    const url = pollingUrl(instruction.polling_url, ctx, attempt, now() - started);
    const waitMs = interval(instruction.wait, minIntervalMs, maxIntervalMs);
    const elapsedMs = now() - started;
    if (attempt > maxAttempts) throw new PartnerPollingError('max-attempts', { attempts: attempt - 1, elapsedMs, url });
    if (elapsedMs + waitMs > deadlineMs) throw new PartnerPollingError('deadline', { attempts: attempt - 1, elapsedMs, url });
    onPoll?.({ attempt, waitMs, elapsedMs, url: ctx.secrets.text(url) });
    await sleep(waitMs, ctx.signal);
    const reply = await ctx.send(new OutgoingRequest(url, { method: 'GET', headers: ctx.headers, signal: ctx.signal }));
    if (reply.status !== 202) return reply;
    // A 202 is read as JSON whatever its content type, as the call's first answer is; one
    // that is not a polling instruction (or not JSON at all) is the final answer.
    const body = reply.peek();
    if (!isPollingInstruction(body)) return reply;
    instruction = body;
  }
}

/**
 * The URL to poll, as the URL parser reads it; refused unless it is an http(s) URL on the
 * API's own origin, free of user info. A refusal quotes it resolved and redacted.
 */
function pollingUrl(raw: string, ctx: PollingContext, attempt: number, elapsedMs: number): string {
  const { origin } = ctx.baseUrl;
  const { url, problem } = checkTarget(raw, ctx.baseUrl, origin);
  if (!problem) return url.href;
  throw new PartnerPollingError(problem === 'invalid' ? 'invalid-url' : problem, {
    attempts: attempt - 1,
    elapsedMs,
    expectedOrigin: origin,
    url: url && ctx.secrets.text(url.href),
  });
}

/** `wait` is in seconds; anything that is not a finite number gets the floor. */
function interval(wait: unknown, min: number, max: number): number {
  const seconds = typeof wait === 'number' ? wait : typeof wait === 'string' ? Number(wait) : Number.NaN;
  const ms = Number.isFinite(seconds) ? seconds * 1000 : min;
  return Math.min(max, Math.max(min, ms));
}
