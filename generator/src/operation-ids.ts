/** Unique camelCase operationIds, from titles first; the first action in the blueprint to want an id gets it. */

/** `Retrieve a Coupon` → `retrieveACoupon`; ASCII letters and digits only. */
export function camelCase(phrase: string): string {
  const words = phrase
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  const joined = words.map((w, i) => (i === 0 ? w.toLowerCase() : w.charAt(0).toUpperCase() + w.slice(1).toLowerCase())).join('');
  // An identifier may not start with a digit.
  return /^[0-9]/.test(joined) ? `op${joined}` : joined;
}

/** `GET /coupons/{id}` → `getCouponsById`. */
export function idFromMethodAndPath(method: string, path: string): string {
  const words = path
    .split('/')
    .filter(Boolean)
    .map((part) => part.replace(/\{([^}]*)\}/g, ' by $1 '));
  return camelCase(`${method.toLowerCase()} ${words.join(' ')}`) || method.toLowerCase();
}

/** Hands out operationIds, each at most once, preferring the first free candidate. */
export class OperationIds {
  private readonly taken = new Set<string>();

  /** The first unused non-empty candidate, else the last one with a number suffix. */
  take(candidates: string[]): string {
    const usable = candidates.filter((c) => c !== '');
    for (const c of usable) {
      if (!this.taken.has(c)) {
        this.taken.add(c);
        return c;
      }
    }
    const base = usable[usable.length - 1] ?? 'operation';
    let n = 2;
    while (this.taken.has(`${base}${n}`)) n++;
    const id = `${base}${n}`;
    this.taken.add(id);
    return id;
  }
}
