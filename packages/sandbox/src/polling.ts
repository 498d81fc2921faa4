/**
 * Polling jobs. When a "Polling: Yes" operation answers 202, its effect has already
 * been applied (the tickets are held, the order placed, the cart deleted) and its
 * final answer is stored here, as production keeps working on a queued reserve even
 * if nobody polls. `GET` on the job's polling URL answers 202 a configured number of
 * times, then the stored answer, and keeps giving that answer to later polls.
 */
import { newJobId } from './ids.js';
import type { SandboxResponse } from './responses.js';

/**
 * Operations that may answer through polling, and the prefix of their job paths.
 * A job path is one segment, so polling URLs fit `/polling/{poll_path}` the way
 * OpenAPI tools such as Prism match paths; the API's own URLs are opaque anyway.
 */
export const POLLING_OPERATIONS = Object.freeze({
  reserveTickets: 'cart-tickets-PUT',
  purchaseCart: 'cart-PUT',
  deleteCart: 'cart-DELETE',
} as const);

/** An operation id that may answer through polling. */
export type PollingOperation = keyof typeof POLLING_OPERATIONS;

/** A queued operation and its final answer. */
export interface PollingJob {
  readonly id: string;
  /** Path below `/polling/`, e.g. `cart-tickets-PUT-0A1B…`. */
  readonly path: string;
  readonly operationId: PollingOperation;
  readonly apiKey: string;
  readonly cartId: string;
  readonly result: SandboxResponse;
  /** Event whose ticketing system runs the job, for the maintenance window. */
  readonly eventId: string | undefined;
  polls: number;
}

/** What a poll gets. */
export type PollOutcome = { state: 'pending'; job: PollingJob } | { state: 'done'; job: PollingJob } | { state: 'unknown' };

/** The jobs of one sandbox. */
export class PollingDesk {
  private readonly jobs = new Map<string, PollingJob>();

  /** `pendingPolls` is how many polls answer 202 before the final answer comes. */
  constructor(private readonly pendingPolls: number) {}

  /** Stores the final answer of an operation that was applied already. */
  create(operationId: PollingOperation, apiKey: string, cartId: string, eventId: string | undefined, result: SandboxResponse): PollingJob {
    const id = newJobId();
    const job: PollingJob = {
      id,
      path: `${POLLING_OPERATIONS[operationId]}-${id}`,
      operationId,
      apiKey,
      cartId,
      eventId,
      result,
      polls: 0,
    };
    this.jobs.set(job.path, job);
    return job;
  }

  /** Looks a job up without counting a poll. */
  peek(path: string, apiKey: string, cartId: string | null): PollingJob | undefined {
    const job = this.jobs.get(path);
    // A polling URL only works with the key and cart it was issued for.
    return job && job.apiKey === apiKey && job.cartId === cartId ? job : undefined;
  }

  /** Counts one poll and tells whether the job has finished. */
  poll(path: string, apiKey: string, cartId: string | null): PollOutcome {
    const job = this.peek(path, apiKey, cartId);
    if (!job) return { state: 'unknown' };
    job.polls++;
    return job.polls > this.pendingPolls ? { state: 'done', job } : { state: 'pending', job };
  }

  /** Number of jobs created since start. */
  size(): number {
    return this.jobs.size;
  }
}
