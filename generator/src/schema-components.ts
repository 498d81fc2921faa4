/**
 * The `components/schemas` table: turns free-form names (MSON type names, JSON
 * Schema definitions) into unique keys OpenAPI accepts (`^[A-Za-z0-9._-]+$`).
 */
import type { JsonSchema } from './infer-schema.js';

/** Registry of component schemas, keyed by their source names. */
export class SchemaComponents {
  private readonly keys = new Map<string, string>();
  private readonly used = new Set<string>();
  private readonly schemas = new Map<string, JsonSchema>();

  /** Reserves (or returns) the component key for a source name. */
  keyFor(sourceName: string): string {
    const known = this.keys.get(sourceName);
    if (known) return known;
    const base = toComponentKey(sourceName);
    let key = base;
    for (let n = 2; this.used.has(key); n++) key = `${base}${n}`;
    this.used.add(key);
    this.keys.set(sourceName, key);
    return key;
  }

  /** Is this source name registered? */
  has(sourceName: string): boolean {
    return this.keys.has(sourceName);
  }

  /** `$ref` pointing at the component for a source name. */
  ref(sourceName: string): JsonSchema {
    return { $ref: `#/components/schemas/${this.keyFor(sourceName)}` };
  }

  /** Stores the schema of a component. */
  define(sourceName: string, schema: JsonSchema): void {
    this.schemas.set(this.keyFor(sourceName), schema);
  }

  /** All defined components, in key order so output is stable. */
  toObject(): Record<string, JsonSchema> {
    const out: Record<string, JsonSchema> = {};
    for (const key of [...this.schemas.keys()].sort()) out[key] = this.schemas.get(key) as JsonSchema;
    return out;
  }

  /** Keys referenced through `ref()` or `keyFor()` that never got a definition. */
  undefinedKeys(): string[] {
    return [...this.used].filter((k) => !this.schemas.has(k));
  }
}

/** `Coupon Base` → `CouponBase`; keeps `._-`; never empty. */
export function toComponentKey(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^A-Za-z0-9._-]+/)
    .filter(Boolean);
  const key = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
  return key === '' ? 'Schema' : key;
}
