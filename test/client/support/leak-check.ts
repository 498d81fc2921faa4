/** Everything an error shows a reader, for checking that no secret is in it. */
import { inspect } from 'node:util';

/** Message, stack and `util.inspect` of an error and of every error in its cause chain (and `errors`). */
export function everythingShown(error: unknown, depth = 0): string {
  if (depth > 10) return '';
  const parts = [inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true })];
  if (error instanceof Error) {
    parts.push(error.message, String(error.stack));
    if (error.cause !== undefined) parts.push(everythingShown(error.cause, depth + 1));
    const nested = (error as { errors?: unknown }).errors;
    if (Array.isArray(nested)) for (const e of nested) parts.push(everythingShown(e, depth + 1));
  } else if (typeof error === 'object' && error !== null) {
    parts.push(JSON.stringify(error));
  } else {
    parts.push(String(error));
  }
  return parts.join('\n');
}

/** The secrets in `text`, of those given (empty when none leaked). */
export function leaked(text: string, secrets: readonly string[]): string[] {
  return secrets.filter((secret) => text.includes(secret));
}
