/**
 * `client.raw`: the typed openapi-fetch client on the client's transport. The transport
 * already makes every failure of the exchange a PartnerError (network, timeout, a body
 * that is not the JSON it declares, a refused redirect). What openapi-fetch itself may
 * throw while building a request (a body JSON.stringify cannot serialise, a header
 * value fetch refuses, an unparsable URL) is a built-in TypeError, SyntaxError or
 * RangeError: those arrive as a PartnerError with the original, redacted, as `cause`.
 * Any other error passes through as it is: what the caller's own middleware throws or
 * hands back from `onError` (whatever its class), the caller's abort reason.
 */
import type { Client } from 'openapi-fetch';
import type { paths } from './api-types.js';
import { PartnerError } from './errors.js';
import type { Secrets } from './secrets.js';

const CALLS = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE', 'request'] as const;

/** The same client, its calls failing only with PartnerErrors or errors that are the caller's own. */
export function typedRaw(client: Client<paths>, secrets: Secrets): Client<paths> {
  // openapi-fetch builds the request (serialisers, `new Request`) before its first await,
  // then calls the middleware, the first one at once: registered here before any of the
  // caller's, this one tells whether the request was built when a call returns.
  let built = false;
  client.use({
    onRequest() {
      built = true;
    },
  });
  const typed: Record<string, unknown> = { ...client };
  for (const name of CALLS) {
    const call = client[name] as (...args: unknown[]) => Promise<unknown>;
    typed[name] = (...args: unknown[]) => {
      built = false;
      const pending = call(...args);
      // Failing before the request was built, the failure is openapi-fetch's own; after, it is not.
      const own = !built;
      return pending.catch((err: unknown) => {
        throw own && !(err instanceof PartnerError) ? typedFailure(err, name, secrets) : err;
      });
    };
  }
  return typed as unknown as Client<paths>;
}

function typedFailure(err: unknown, call: string, secrets: Secrets): unknown {
  if (err instanceof TypeError || err instanceof SyntaxError || err instanceof RangeError) {
    return new PartnerError(`client.raw.${call} failed before an answer could be used (${err.name})`, { cause: secrets.error(err) });
  }
  return err;
}
