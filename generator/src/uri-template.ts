/**
 * Splits an API Blueprint URI template into an OpenAPI path key and query parameters.
 * Blueprints write queries both as RFC 6570 expressions (`{?a,b}`, `{&c}`) and as
 * literal query strings (`?apikey={apikey}`); neither may stay in an OpenAPI path key.
 */

/** A query parameter found in a template. */
export interface TemplateQueryParam {
  /** Name on the wire. */
  name: string;
  /** Template variable that supplies it (usually equal to `name`). */
  variable?: string;
  /** A literal value written into the template (`?format=json`). */
  fixedValue?: string;
}

/** The parts of a URI template that OpenAPI keeps apart. */
export interface SplitTemplate {
  /** OpenAPI path key: starts with `/`, holds only `{name}` path variables. */
  path: string;
  /** Path variables in order of appearance. */
  pathParams: string[];
  query: TemplateQueryParam[];
  /** Variables that were dropped (fragment expressions). */
  dropped: string[];
}

const EXPRESSION = /\{([^{}]*)\}/g;

/** Splits a URI template into path key, path variables and query parameters. */
export function splitUriTemplate(template: string): SplitTemplate {
  const trimmed = template.trim();
  const queryStart = findLiteralQuery(trimmed);
  const pathPart = queryStart === -1 ? trimmed : trimmed.slice(0, queryStart);
  const queryPart = queryStart === -1 ? '' : trimmed.slice(queryStart + 1);

  const pathParams: string[] = [];
  const query: TemplateQueryParam[] = [];
  const dropped: string[] = [];

  const path = pathPart.replace(EXPRESSION, (_match, body: string) => {
    const { operator, names } = parseExpression(body);
    if (operator === '?' || operator === '&') {
      for (const name of names) query.push({ name, variable: name });
      return '';
    }
    if (operator === '#') {
      dropped.push(...names);
      return '';
    }
    pathParams.push(...names);
    const vars = names.map((n) => `{${n}}`);
    switch (operator) {
      case '.':
        return `.${vars.join('.')}`;
      case '/':
        return `/${vars.join('/')}`;
      case ';':
        return names.map((n) => `;${n}={${n}}`).join('');
      default:
        return vars.join(',');
    }
  });

  // Expressions inside the literal query part: `{?a}`/`{&b}` are query variables, `{#f}` a fragment.
  const literalQuery = queryPart.replace(EXPRESSION, (match, body: string) => {
    const { operator, names } = parseExpression(body);
    if (operator === '#') {
      dropped.push(...names);
      return '';
    }
    if (operator === '?' || operator === '&') {
      for (const name of names) query.push({ name, variable: name });
      return '';
    }
    return match;
  });

  for (const piece of literalQuery.split(/[&?]/)) {
    if (piece === '') continue;
    const eq = piece.indexOf('=');
    const rawName = eq === -1 ? piece : piece.slice(0, eq);
    const rawValue = eq === -1 ? '' : piece.slice(eq + 1);
    const name = decode(rawName);
    const valueVars = [...rawValue.matchAll(EXPRESSION)];
    const firstVar = valueVars[0];
    if (firstVar) {
      const variable = parseExpression(firstVar[1] ?? '').names[0] ?? name;
      query.push({ name, variable });
    } else if (rawValue) {
      query.push({ name, fixedValue: decode(rawValue) });
    } else {
      query.push({ name });
    }
  }

  return { path: cleanPath(path), pathParams: unique(pathParams), query: uniqueBy(query), dropped };
}

function parseExpression(body: string): { operator: string; names: string[] } {
  const first = body.charAt(0);
  const operator = '+#./;?&'.includes(first) && first !== '' ? first : '';
  const names = body
    .slice(operator.length)
    .split(',')
    .map((v) => v.trim().replace(/\*$/, '').replace(/:\d+$/, ''))
    .filter((v) => v !== '');
  return { operator, names: names.map(decode) };
}

/** Index of the first `?` outside an expression, or -1. */
function findLiteralQuery(template: string): number {
  let depth = 0;
  for (let i = 0; i < template.length; i++) {
    const ch = template[i];
    if (ch === '{') depth++;
    else if (ch === '}') depth = Math.max(0, depth - 1);
    else if (ch === '?' && depth === 0) return i;
  }
  return -1;
}

function cleanPath(path: string): string {
  let p = path.replace(/\s+/g, '');
  if (!p.startsWith('/')) p = `/${p}`;
  p = p.replace(/\/{2,}/g, '/');
  return p;
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function uniqueBy(params: TemplateQueryParam[]): TemplateQueryParam[] {
  const seen = new Set<string>();
  return params.filter((p) => (seen.has(p.name) ? false : (seen.add(p.name), true)));
}
