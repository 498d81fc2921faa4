/**
 * `client.raw`: the typed openapi-fetch client on the client's transport. The transport
 * already makes every failure of the exchange a PartnerError (network, timeout, a body
 * that is not the JSON it declares, a refused redirect). What openapi-fetch itself may
 * throw while building a request (a body JSON.stringify cannot serialise, a header
 * value fetch refuses, an unparsable URL) is a built-in TypeError, SyntaxError or
 * RangeError: those arrive as a PartnerError with the original, redacted, as `cause`.
 * Any other error (the caller's abort reason, what their own middleware throws) is
 * passed through as it is.
 */
import type { Client } from 'openapi-fetch';
import type { paths } from './api-types.js';
import { PartnerError } from './errors.js';
import type { Secrets } from './secrets.js';

const CALLS = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE', 'request'] as const;

/** The same client, its calls failing only with PartnerErrors or errors that are the caller's own. */
export function typedRaw(client: Client<paths>, secrets: Secrets): Client<paths> {
  const typed: Record<string, unknown> = { ...client };
  for (const name of CALLS) {
    const call = client[name] as (...args: unknown[]) => Promise<unknown>;
    typed[name] = (...args: unknown[]) =>
      call(...args).catch((err: unknown) => {
        throw typedFailure(err, name, secrets);
      });
  }
  return typed as unknown as Client<paths>;
}

function typedFailure(err: unknown, call: string, secrets: Secrets): unknown {
  if (err instanceof PartnerError) return err;
  if (err instanceof TypeError || err instanceof SyntaxError || err instanceof RangeError) {
    return new PartnerError(`client.raw.${call} failed before an answer could be used (${err.name})`, { cause: secrets.error(err) });
  }
  return err;
}
