/** Response or request headers in whichever shape fetch, Node or a caller hands over. */

/** Headers in any of the shapes fetch, Node or a test may hand over. */
export type HeadersLike = Headers | Readonly<Record<string, string | readonly string[] | undefined>> | Iterable<readonly [string, string]>;

/** The name-value pairs of any {@link HeadersLike}, absent values left out. */
export function headerEntries(headers: HeadersLike): Iterable<readonly [string, unknown]> {
  if (typeof Headers !== 'undefined' && headers instanceof Headers) return headers.entries();
  if (Symbol.iterator in headers) return headers as Iterable<readonly [string, string]>;
  return Object.entries(headers).filter(([, value]) => value !== undefined);
}
