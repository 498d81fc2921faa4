/**
 * Credentials written as ordinary headers or query parameters in a blueprint
 * (an `Authorization` header, an `apikey` query variable) are OpenAPI security
 * schemes, not parameters.
 */

/** An OpenAPI security scheme object. */
export type SecurityScheme =
  | { type: 'http'; scheme: 'basic' | 'bearer'; description?: string }
  | { type: 'apiKey'; in: 'query' | 'header'; name: string; description?: string };

const API_KEY_NAME = /^(x[-_]?)?api[-_]?key$/i;

/** Is a query or header parameter with this name an API key? */
export function isApiKeyName(name: string): boolean {
  return API_KEY_NAME.test(name);
}

/** The scheme an `Authorization` header value stands for. */
export function schemeForAuthorization(value: string): SecurityScheme {
  if (/^\s*basic\b/i.test(value)) return { type: 'http', scheme: 'basic' };
  if (/^\s*bearer\b/i.test(value)) return { type: 'http', scheme: 'bearer' };
  return { type: 'apiKey', in: 'header', name: 'Authorization' };
}

/** The named schemes of a document, each registered once. */
export class SecuritySchemes {
  private readonly schemes = new Map<string, SecurityScheme>();

  /** Registers a scheme (first description wins) and returns its name. */
  add(scheme: SecurityScheme): string {
    const name = schemeName(scheme);
    const existing = this.schemes.get(name);
    if (!existing) this.schemes.set(name, scheme);
    else if (!existing.description && scheme.description) existing.description = scheme.description;
    return name;
  }

  /** All schemes by name, sorted, or undefined when there are none. */
  toObject(): Record<string, SecurityScheme> | undefined {
    if (this.schemes.size === 0) return undefined;
    const out: Record<string, SecurityScheme> = {};
    for (const name of [...this.schemes.keys()].sort()) out[name] = this.schemes.get(name) as SecurityScheme;
    return out;
  }
}

function schemeName(scheme: SecurityScheme): string {
  if (scheme.type === 'http') return scheme.scheme === 'basic' ? 'basicAuth' : 'bearerAuth';
  const words = `${scheme.name} ${scheme.in}`.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return words.map((w, i) => (i === 0 ? w.toLowerCase() : w.charAt(0).toUpperCase() + w.slice(1).toLowerCase())).join('');
}
