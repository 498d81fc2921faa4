/**
 * `client.raw`: the typed openapi-fetch client on the client's transport. The transport
 * already makes every failure of the exchange a PartnerError (network, timeout, a body
 * that is not the JSON it declares, a refused redirect). What openapi-fetch itself may
 * throw while building a request (a body JSON.stringify cannot serialise, a header
 * value fetch refuses, an unparsable URL) is a built-in TypeError, SyntaxError or
 * RangeError: those arrive as a PartnerError with the original, redacted, as `cause`.
 * What the caller's own middleware throws, or hands back from `onError`, is theirs and
 * passes through as it is, whatever its class, and so does any other error (an abort
 * reason, typically a DOMException).
 */
import type { Client, Middleware } from 'openapi-fetch';
import type { paths } from './api-types.js';
import { PartnerError } from './errors.js';
import type { Secrets } from './secrets.js';

const CALLS = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE', 'request'] as const;
const HOOKS = ['onRequest', 'onResponse', 'onError'] as const;

type Hook = (params: unknown) => unknown;

/** The same client, its calls failing only with PartnerErrors or errors that are the caller's own. */
export function typedRaw(client: Client<paths>, secrets: Secrets): Client<paths> {
  // Errors the caller's middleware threw or returned, told apart by identity.
  const theirs = new WeakSet<object>();
  const wrappers = new WeakMap<object, Middleware>();
  /** The middleware with each of its hooks noting what it throws or returns as an Error. */
  const wrap = (middleware: Middleware): Middleware => {
    if (typeof middleware !== 'object' || middleware === null) return middleware;
    let wrapper = wrappers.get(middleware);
    if (!wrapper) {
      const hooks: Record<string, Hook> = {};
      const own = middleware as Record<string, Hook | undefined>;
      for (const name of HOOKS) {
        if (!(name in own)) continue;
        hooks[name] = async (params) => {
          try {
            const out = await own[name]?.(params);
            if (out instanceof Error) theirs.add(out);
            return out;
          } catch (err) {
            if (err instanceof Object) theirs.add(err);
            throw err;
          }
        };
      }
      wrapper = hooks as Middleware;
      wrappers.set(middleware, wrapper);
    }
    return wrapper;
  };
  const typed: Record<string, unknown> = {
    ...client,
    use: (...list: Middleware[]) => client.use(...list.map(wrap)),
    eject: (...list: Middleware[]) => client.eject(...list.map((m) => wrappers.get(m) ?? m)),
  };
  for (const name of CALLS) {
    const call = client[name] as (...args: unknown[]) => Promise<unknown>;
    typed[name] = (...args: unknown[]) =>
      // A call's own `middleware` list is the caller's too.
      call(...args.map((arg) => (Array.isArray((arg as { middleware?: unknown })?.middleware) ? withWrapped(arg, wrap) : arg))).catch(
        (err: unknown) => {
          throw err instanceof PartnerError || theirs.has(err as object) ? err : typedFailure(err, name, secrets);
        },
      );
  }
  return typed as unknown as Client<paths>;
}

function withWrapped(init: unknown, wrap: (m: Middleware) => Middleware): unknown {
  const options = init as { middleware: Middleware[] };
  return { ...options, middleware: options.middleware.map(wrap) };
}

function typedFailure(err: unknown, call: string, secrets: Secrets): unknown {
  if (err instanceof TypeError || err instanceof SyntaxError || err instanceof RangeError) {
    return new PartnerError(`client.raw.${call} failed before an answer could be used (${err.name})`, { cause: secrets.error(err) });
  }
  return err;
}
