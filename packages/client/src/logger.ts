/**
 * Structured, levelled logging with redaction built in: every URL is logged with
 * its `apikey` (and other secrets) masked, so a log sink never sees credentials.
 */
import { PartnerValidationError } from './errors.js';
import { redactUrl } from './redact.js';

/** Log levels, most verbose first. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/** One log record. */
export interface LogRecord {
  level: Exclude<LogLevel, 'silent'>;
  message: string;
  /** Correlates the records of one logical call (its attempts, polls and retries). */
  requestId?: string;
  method?: string;
  /** Always redacted. */
  url?: string;
  status?: number;
  durationMs?: number;
  attempt?: number;
}

/** Where records go: a function, for example one that forwards to pino or console. */
export type LogSink = (record: LogRecord) => void;

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/** The client's logger: filters by level and redacts URLs before the sink sees them. */
export class Logger {
  constructor(
    private readonly sink: LogSink | undefined,
    private readonly level: LogLevel = 'info',
  ) {
    // An unknown level would silently log nothing.
    if (typeof ORDER[level] !== 'number') throw new PartnerValidationError('logLevel', 'must be debug, info, warn, error or silent');
  }

  /** Whether records of this level reach the sink (lets hot paths skip building them). */
  enabled(level: LogRecord['level']): boolean {
    return this.sink !== undefined && ORDER[level] >= ORDER[this.level];
  }

  /** Emits a record if its level is enabled; a throwing sink never breaks a call. */
  log(record: LogRecord): void {
    if (!this.sink || ORDER[record.level] < ORDER[this.level]) return;
    const safe = record.url === undefined ? record : { ...record, url: redactUrl(record.url) };
    try {
      this.sink(safe);
    } catch {
      // Logging is best effort.
    }
  }
}
