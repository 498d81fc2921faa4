/**
 * The origin a client called the sandbox on, read from its Host header, so polling URLs
 * lead back where the client already is (`localhost` or `127.0.0.1`, as it typed) and a
 * client that keeps credentials on its own origin follows them. Only loopback names are
 * taken: the sandbox listens on loopback alone, and a Host naming anything else (a DNS
 * rebinding page, a typo) must not be echoed into a URL that clients call with their key.
 */

/** Loopback hosts as a Host header carries them: `localhost`, 127.x.x.x, `[::1]`; an optional decimal port. */
const LOOPBACK_HOST = /^(localhost|127(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}|\[::1\])(?::([1-9]\d{0,4}))?$/;

/** `http://HOST[:PORT]` for a loopback Host header; undefined for any other value or none. */
export function callerOrigin(host: string | undefined): string | undefined {
  const match = LOOPBACK_HOST.exec(host?.trim().toLowerCase() ?? '');
  if (!match) return undefined;
  const port = match[2];
  if (port !== undefined && Number(port) > 65535) return undefined;
  return `http://${match[0]}`;
}
