/**
 * A forgiving JSON reader for blueprint examples. Published blueprints often hold
 * JavaScript-flavoured JSON: `//` and block comments, trailing or missing commas,
 * `...` placeholders, single quotes, bare keys, raw line breaks in strings, several
 * values in one body. Each repair is reported so nothing is changed silently.
 */

/** A change the reader made to get a value, at a 1-based position in the text. */
export interface JsonRepair {
  message: string;
  line: number;
  column: number;
}

/** What the reader made of a text: one or more values and the repairs made. */
export interface LenientJson {
  values: unknown[];
  repairs: JsonRepair[];
}

/** Thrown when the text cannot be read as JSON even leniently. */
export class LenientJsonError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
    this.name = 'LenientJsonError';
  }
}

/** Reads strict JSON, or JSON with common hand-written defects (each one reported). */
export function parseLenientJson(text: string): LenientJson {
  try {
    return { values: [JSON.parse(text)], repairs: [] };
  } catch {
    return new Reader(text).readAll();
  }
}

const PLACEHOLDER = /^(\.\.\.|…)/;

class Reader {
  private pos = 0;
  private readonly repairs: JsonRepair[] = [];
  private readonly noted = new Set<string>();

  constructor(private readonly src: string) {}

  readAll(): LenientJson {
    const values: unknown[] = [];
    this.skip();
    while (this.pos < this.src.length) {
      if (this.placeholder()) {
        this.skip();
        continue;
      }
      values.push(this.value());
      this.skip();
      if (this.peek() === ',') {
        this.pos++;
        this.skip();
      }
    }
    if (values.length === 0) this.fail('no JSON value found');
    if (values.length > 1) this.note(`${values.length} JSON values in one body; each is kept as an example`, 0);
    return { values, repairs: this.repairs };
  }

  private value(): unknown {
    this.skip();
    const ch = this.peek();
    if (ch === '{') return this.object();
    if (ch === '[') return this.array();
    if (ch === '"' || ch === "'") return this.string();
    if (ch === '-' || ch === '+' || ch === '.' || (ch >= '0' && ch <= '9')) return this.number();
    for (const [word, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (this.src.startsWith(word, this.pos) && !/[\w$]/.test(this.src.charAt(this.pos + word.length))) {
        this.pos += word.length;
        return value;
      }
    }
    return this.fail(ch === '' ? 'unexpected end of JSON' : `unexpected character '${ch}'`);
  }

  private object(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    this.pos++; // {
    let needComma = false;
    for (;;) {
      this.skip();
      const ch = this.peek();
      if (ch === '}') {
        this.pos++;
        return out;
      }
      if (ch === '') this.fail("unclosed object: expected '}'");
      if (ch === ',') {
        const comma = this.pos;
        if (!needComma) this.note('extra comma removed', comma);
        this.pos++;
        needComma = false;
        this.skip();
        if (this.peek() === '}') this.note('trailing comma removed', comma);
        continue;
      }
      if (this.placeholder()) continue;
      if (needComma) this.note('missing comma inserted', this.pos);
      const start = this.pos;
      const key = this.key();
      this.skip();
      if (this.peek() !== ':') this.fail(`expected ':' after key "${key}"`);
      this.pos++;
      const value = this.value();
      if (Object.hasOwn(out, key)) this.note(`duplicate key "${key}": the last value is kept`, start);
      out[key] = value;
      needComma = true;
    }
  }

  private array(): unknown[] {
    const out: unknown[] = [];
    this.pos++; // [
    let needComma = false;
    for (;;) {
      this.skip();
      const ch = this.peek();
      if (ch === ']') {
        this.pos++;
        return out;
      }
      if (ch === '') this.fail("unclosed array: expected ']'");
      if (ch === ',') {
        const comma = this.pos;
        this.pos++;
        needComma = false;
        this.skip();
        if (this.peek() === ']') this.note('trailing comma removed', comma);
        continue;
      }
      if (this.placeholder()) continue;
      if (needComma) this.note('missing comma inserted', this.pos);
      out.push(this.value());
      this.skip();
      if (this.peek() === ':') this.fail('a "key": value member inside an array');
      needComma = true;
    }
  }

  private key(): string {
    const ch = this.peek();
    if (ch === '"' || ch === "'") return this.string();
    const m = /^[A-Za-z_$][\w$-]*/.exec(this.src.slice(this.pos));
    if (!m) return this.fail(`expected a key, found '${ch}'`);
    this.note('unquoted key', this.pos);
    this.pos += m[0].length;
    return m[0];
  }

  private string(): string {
    const quote = this.peek();
    if (quote === "'") this.note('single-quoted string', this.pos);
    const start = this.pos;
    this.pos++;
    let out = '';
    for (;;) {
      const ch = this.src.charAt(this.pos);
      if (ch === '') this.fail('unterminated string', start);
      this.pos++;
      if (ch === quote) return out;
      if (ch === '\\') {
        out += this.escape();
        continue;
      }
      if (ch === '\n') this.note('line break inside a string kept', this.pos - 1);
      out += ch;
    }
  }

  private escape(): string {
    const ch = this.src.charAt(this.pos++);
    switch (ch) {
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      case 'u': {
        const hex = this.src.slice(this.pos, this.pos + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('bad \\u escape');
        this.pos += 4;
        return String.fromCharCode(parseInt(hex, 16));
      }
      case '\n':
        return '';
      default:
        return ch; // \" \\ \/ and lenient unknown escapes
    }
  }

  private number(): number {
    const m = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(this.src.slice(this.pos));
    if (!m) return this.fail('bad number');
    const raw = m[0];
    if (raw.startsWith('+') || raw.startsWith('.') || raw.endsWith('.') || /^-?0\d/.test(raw)) {
      this.note(`non-standard number '${raw}'`, this.pos);
    }
    this.pos += raw.length;
    return Number(raw);
  }

  /** Skips a `...` placeholder if one is here. */
  private placeholder(): boolean {
    const m = PLACEHOLDER.exec(this.src.slice(this.pos));
    if (!m) return false;
    this.note("'...' placeholder left out", this.pos);
    this.pos += m[0].length;
    this.skip();
    return true;
  }

  /** Skips white space and comments. */
  private skip(): void {
    for (;;) {
      const ch = this.peek();
      if (ch === ' ' || ch === '\n' || ch === '\r' || ch === '\t' || ch === '\u00a0' || ch === '\ufeff') {
        this.pos++;
      } else if (this.src.startsWith('//', this.pos)) {
        this.note('comment removed', this.pos);
        const end = this.src.indexOf('\n', this.pos);
        this.pos = end === -1 ? this.src.length : end;
      } else if (this.src.startsWith('/*', this.pos)) {
        this.note('comment removed', this.pos);
        const end = this.src.indexOf('*/', this.pos + 2);
        if (end === -1) this.fail('unclosed comment');
        this.pos = end + 2;
      } else {
        return;
      }
    }
  }

  private peek(): string {
    return this.src.charAt(this.pos);
  }

  private where(index: number): { line: number; column: number } {
    const before = this.src.slice(0, index);
    const line = before.split('\n').length;
    return { line, column: index - before.lastIndexOf('\n') };
  }

  /** Records a repair; one message per kind, at its first place, to keep reports short. */
  private note(message: string, index: number): void {
    if (this.noted.has(message)) return;
    this.noted.add(message);
    this.repairs.push({ message, ...this.where(index) });
  }

  private fail(message: string, index = this.pos): never {
    const { line, column } = this.where(index);
    throw new LenientJsonError(message, line, column);
  }
}
