/**
 * API Elements (Drafter's parse result) → an OpenAPI 3.1 document.
 * Groups become tags, resources and actions become paths and operations, data
 * structures become components; actions that land on the same method and path
 * are merged, never overwritten.
 */
import { type Element, children, classes, description, pairs, text, title } from './api-elements.js';
import type { DiagnosticSink } from './diagnostics.js';
import { type JsonSchema, dedupe } from './infer-schema.js';
import { type BodySample, type MessageContext, type MessageSample, headerValue, readMessage } from './message-bodies.js';
import { MsonConverter } from './mson-to-schema.js';
import { OperationIds, camelCase, idFromMethodAndPath } from './operation-ids.js';
import { type DeclaredVariable, type ParameterObject, readVariables, toParameter } from './parameters.js';
import { SchemaComponents } from './schema-components.js';
import { SecuritySchemes, isApiKeyName, schemeForAuthorization } from './security-schemes.js';
import type { SourceLocator, SourcePosition } from './source-locator.js';
import { splitUriTemplate } from './uri-template.js';

/** The OpenAPI 3.1 document the converter produces (plain JSON data). */
export interface OpenApiDocument {
  openapi: '3.1.0';
  jsonSchemaDialect: string;
  info: { title: string; version: string; description?: string };
  servers?: Array<{ url: string; description?: string }>;
  tags?: Array<{ name: string; description?: string }>;
  paths: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, JsonSchema>; securitySchemes?: Record<string, unknown> };
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const IGNORED_HEADERS = new Set(['content-type', 'accept', 'authorization', 'content-length']);

interface OperationDraft {
  path: string;
  method: string;
  operationId: string;
  summary: string;
  descriptions: string[];
  tags: string[];
  params: Map<string, ParameterObject>;
  requests: MessageSample[];
  responses: Array<{ status: string; sample: MessageSample }>;
  apiKeys: ParameterObject[];
  /** The heading of the first action merged into it, for warnings about the whole operation. */
  where: SourcePosition | undefined;
}

/** Converts a Drafter API category into OpenAPI 3.1. */
export function elementsToOpenApi(api: Element, sink: DiagnosticSink, locator: SourceLocator): OpenApiDocument {
  const components = new SchemaComponents();
  const mson = new MsonConverter(components, sink);
  mson.defineNamedTypes(api, (name) => locator.findDataStructure(name));
  const ctx: MessageContext = { mson, components, sink, locator };
  const walker = new Walker(ctx, sink);
  walker.walk(api);

  const metadata = new Map(pairs(api.attributes?.metadata).map(([k, v]) => [k.toUpperCase(), v]));
  const info: OpenApiDocument['info'] = {
    title: title(api)?.trim() || 'API',
    version: metadata.get('VERSION')?.trim() || '1.0.0',
  };
  const intro = copyOf(api);
  if (intro) info.description = intro;

  const doc: OpenApiDocument = {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info,
    paths: {},
  };
  const servers = serversOf(pairs(api.attributes?.metadata), sink, locator);
  if (servers.length > 0) doc.servers = servers;
  if (walker.tags.size > 0) doc.tags = [...walker.tags.values()];

  const securitySchemes = new SecuritySchemes();
  for (const draft of walker.drafts.values()) {
    const item = (doc.paths[draft.path] ??= {});
    item[draft.method] = buildOperation(draft, securitySchemes, sink);
  }
  for (const key of components.undefinedKeys()) components.define(key, {});
  const schemas = components.toObject();
  const schemes = securitySchemes.toObject();
  if (Object.keys(schemas).length > 0 || schemes) {
    doc.components = {};
    if (Object.keys(schemas).length > 0) doc.components.schemas = schemas;
    if (schemes) doc.components.securitySchemes = schemes;
  }
  return doc;
}

/** Walks groups, resources and actions, collecting one draft per method and path. */
class Walker {
  readonly drafts = new Map<string, OperationDraft>();
  readonly tags = new Map<string, { name: string; description?: string }>();
  private readonly ids = new OperationIds();
  /** Path shape (variables blanked) → the first path key seen with that shape. */
  private readonly shapes = new Map<string, string>();

  constructor(
    private readonly ctx: MessageContext,
    private readonly sink: DiagnosticSink,
  ) {}

  walk(api: Element): void {
    for (const el of children(api)) {
      if (el.element === 'resource') this.resource(el, undefined);
      else if (el.element === 'category' && classes(el).includes('resourceGroup')) this.group(el);
    }
  }

  private group(group: Element): void {
    const name = title(group)?.trim();
    let tag: string | undefined;
    if (name) {
      tag = name;
      if (!this.tags.has(name)) {
        const entry: { name: string; description?: string } = { name };
        const d = copyOf(group);
        if (d) entry.description = d;
        this.tags.set(name, entry);
      }
    }
    for (const el of children(group)) if (el.element === 'resource') this.resource(el, tag);
  }

  private resource(resource: Element, tag: string | undefined): void {
    const resourceHref = text(resource.attributes?.href) ?? '/';
    const resourceVars = readVariables(resource.attributes?.hrefVariables, this.ctx.mson);
    const resourceTitle = title(resource)?.trim() ?? '';
    for (const transition of children(resource).filter((c) => c.element === 'transition')) {
      const href = text(transition.attributes?.href) ?? resourceHref;
      const vars = new Map([...resourceVars, ...readVariables(transition.attributes?.hrefVariables, this.ctx.mson)]);
      this.action(transition, href, vars, resourceTitle, tag);
    }
  }

  private action(
    transition: Element,
    href: string,
    vars: Map<string, DeclaredVariable>,
    resourceTitle: string,
    tag: string | undefined,
  ): void {
    const transactions = children(transition).filter((c) => c.element === 'httpTransaction');
    const firstRequest = transactions.map((t) => children(t).find((c) => c.element === 'httpRequest')).find(Boolean);
    const method = text(firstRequest?.attributes?.method)?.toLowerCase();
    const actionTitle = title(transition)?.trim() ?? '';
    const where = this.ctx.locator.findAction(actionTitle, method ?? '');
    if (!method || !METHODS.includes(method)) {
      this.sink.warn(
        `action '${actionTitle || href}' has ${method ? `an unsupported method '${method}'` : 'no HTTP method'}; it is left out`,
        where,
      );
      return;
    }

    const split = splitUriTemplate(href);
    const path = this.canonicalPath(split.path, where);
    const key = `${method} ${path}`;
    let draft = this.drafts.get(key);
    if (draft) {
      this.sink.warn(
        `'${actionTitle || key}' repeats ${method.toUpperCase()} ${path}; merged into operation '${draft.operationId}'`,
        where,
      );
    } else {
      const candidates = actionTitle
        ? [camelCase(actionTitle), camelCase(`${resourceTitle} ${actionTitle}`), idFromMethodAndPath(method, path)]
        : [idFromMethodAndPath(method, path)];
      draft = {
        path,
        method,
        operationId: this.ids.take(candidates),
        summary: actionTitle || resourceTitle || `${method.toUpperCase()} ${path}`,
        descriptions: [],
        tags: [],
        params: new Map(),
        requests: [],
        responses: [],
        apiKeys: [],
        where,
      };
      this.drafts.set(key, draft);
    }
    if (tag && !draft.tags.includes(tag)) draft.tags.push(tag);
    const d = copyOf(transition);
    if (d && !draft.descriptions.includes(d)) draft.descriptions.push(d);

    const pathNames = pathVariables(path);
    split.pathParams.forEach((name, i) => {
      const canonical = pathNames[i] ?? name;
      const declared = vars.get(name);
      if (!declared) this.sink.warn(`path variable '${name}' of ${href} is not described in Parameters`, where);
      addParam(draft, { ...toParameter(name, 'path', declared), name: canonical });
    });
    const inTemplate = new Set([...split.pathParams, ...split.dropped]);
    for (const q of split.query) {
      inTemplate.add(q.variable ?? q.name);
      const declared = vars.get(q.variable ?? q.name);
      const param = toParameter(q.name, 'query', declared);
      if (q.fixedValue !== undefined) {
        param.required = true;
        param.schema = { type: 'string', enum: [q.fixedValue] };
      }
      if (isApiKeyName(q.name)) draft.apiKeys.push(param);
      else addParam(draft, param);
    }
    // Parameters described but missing from the template (Drafter warns): keep them as query parameters.
    for (const [name, declared] of vars) {
      if (inTemplate.has(name)) continue;
      const param = toParameter(name, 'query', declared);
      if (isApiKeyName(name)) draft.apiKeys.push(param);
      else addParam(draft, param);
    }

    // Warnings about a message that cannot be placed more precisely point at its action.
    this.sink.within(where, () => this.readTransactions(draft, transactions, transition.attributes?.data));
  }

  /** `attributes` are the action's own, which describe its requests. */
  private readTransactions(draft: OperationDraft, transactions: Element[], attributes: Element | undefined): void {
    const scope = draft.operationId;
    const seenRequests = new Set<string>();
    const seenResponses = new Set<string>();
    for (const transaction of transactions) {
      const request = children(transaction).find((c) => c.element === 'httpRequest');
      const response = children(transaction).find((c) => c.element === 'httpResponse');
      if (request) {
        // Drafter repeats a request in every transaction it pairs with a response.
        const identity = JSON.stringify(request);
        if (!seenRequests.has(identity)) {
          seenRequests.add(identity);
          draft.requests.push(readMessage(request, `${scope} request`, this.ctx, attributes));
        }
      }
      // Drafter pairs a request without responses with an empty response; that is no response.
      // It also repeats a response for every request it pairs with; read each once.
      const responseIdentity = response ? JSON.stringify(response) : '';
      if (response && (text(response.attributes?.statusCode) || children(response).length > 0) && !seenResponses.has(responseIdentity)) {
        seenResponses.add(responseIdentity);
        const status = statusOf(text(response.attributes?.statusCode));
        draft.responses.push({ status, sample: readMessage(response, `${scope} response ${status}`, this.ctx) });
      }
    }
  }

  /** Two templates differing only in variable names are one OpenAPI path; keep the first spelling. */
  private canonicalPath(path: string, where: { line: number; column: number } | undefined): string {
    const shape = path.replace(/\{[^}]*\}/g, '{}');
    const known = this.shapes.get(shape);
    if (!known) {
      this.shapes.set(shape, path);
      return path;
    }
    if (known !== path) this.sink.warn(`path ${path} is the same as ${known} but for variable names; ${known} is used`, where);
    return known;
  }
}

function addParam(draft: OperationDraft, param: ParameterObject): void {
  const key = `${param.in}:${param.name.toLowerCase()}`;
  const existing = draft.params.get(key);
  if (!existing) {
    draft.params.set(key, param);
    return;
  }
  if (!existing.description && param.description) existing.description = param.description;
  if (existing.example === undefined && param.example !== undefined) existing.example = param.example;
}

function buildOperation(draft: OperationDraft, schemes: SecuritySchemes, sink: DiagnosticSink): Record<string, unknown> {
  const op: Record<string, unknown> = {};
  if (draft.tags.length > 0) op.tags = draft.tags;
  op.summary = draft.summary;
  if (draft.descriptions.length > 0) op.description = draft.descriptions.join('\n\n');
  op.operationId = draft.operationId;

  const requests = draft.requests.length > 0 ? draft.requests : [{ headers: [] }];
  const parameters = [...draft.params.values()];
  parameters.push(...headerParameters(requests));
  if (parameters.length > 0) op.parameters = parameters;

  const security = securityOf(draft, requests, schemes);
  if (security) op.security = security;

  const bodies = requests.map((r) => r.body).filter((b): b is BodySample => b !== undefined);
  if (bodies.length > 0) {
    const names = requests.filter((r) => r.body).map((r) => r.name);
    op.requestBody = { required: bodies.length === requests.length, content: contentOf(bodies, names) };
  }

  op.responses = responsesOf(draft, sink);
  return op;
}

/**
 * Request headers become header parameters. A header sent by every request
 * example of the action is required; one shown only in some is optional.
 */
function headerParameters(requests: MessageSample[]): ParameterObject[] {
  const byName = new Map<string, { name: string; values: string[]; count: number }>();
  for (const req of requests) {
    const seen = new Set<string>();
    for (const [name, value] of req.headers) {
      const lower = name.toLowerCase();
      if (IGNORED_HEADERS.has(lower) || isApiKeyName(name) || seen.has(lower)) continue;
      seen.add(lower);
      const entry = byName.get(lower) ?? { name, values: [], count: 0 };
      entry.count++;
      if (value !== '') entry.values.push(value);
      byName.set(lower, entry);
    }
  }
  return [...byName.values()].map((h) => {
    const p: ParameterObject = { name: h.name, in: 'header', required: h.count === requests.length, schema: { type: 'string' } };
    if (h.values[0] !== undefined) p.example = h.values[0];
    return p;
  });
}

/** Security requirements from API-key parameters and `Authorization` headers. */
function securityOf(
  draft: OperationDraft,
  requests: MessageSample[],
  schemes: SecuritySchemes,
): Array<Record<string, string[]>> | undefined {
  const always: string[] = [];
  for (const key of draft.apiKeys) {
    const name = schemes.add({
      type: 'apiKey',
      in: 'query',
      name: key.name,
      ...(key.description ? { description: key.description } : {}),
    });
    if (!always.includes(name)) always.push(name);
  }
  const perRequest = requests.map((r) => {
    const names: string[] = [];
    const auth = headerValue(r.headers, 'authorization');
    if (auth !== undefined) names.push(schemes.add(schemeForAuthorization(auth)));
    for (const [header] of r.headers) {
      if (isApiKeyName(header)) names.push(schemes.add({ type: 'apiKey', in: 'header', name: header }));
    }
    return names;
  });
  const alternatives = new Map<string, string[]>();
  for (const names of perRequest) {
    const all = [...new Set([...always, ...names])].sort();
    alternatives.set(all.join('+'), all);
  }
  const list = [...alternatives.values()].filter((a) => a.length > 0);
  if (list.length === 0) return undefined;
  // An alternative with no credentials at all would make the others optional.
  return list.map((names) => Object.fromEntries(names.map((n) => [n, [] as string[]])));
}

function responsesOf(draft: OperationDraft, sink: DiagnosticSink): Record<string, unknown> {
  const byStatus = new Map<string, MessageSample[]>();
  for (const { status, sample } of draft.responses) byStatus.set(status, [...(byStatus.get(status) ?? []), sample]);
  if (byStatus.size === 0) {
    sink.warn(`operation '${draft.operationId}' documents no response; a default response is written`, draft.where);
    return { default: { description: 'No response is documented for this operation.' } };
  }
  const out: Record<string, unknown> = {};
  for (const status of [...byStatus.keys()].sort(compareStatus)) {
    const samples = byStatus.get(status) ?? [];
    const descriptions = [...new Set(samples.map((s) => s.description).filter((d): d is string => !!d))];
    const response: Record<string, unknown> = { description: descriptions.join('\n\n') || reasonPhrase(status) };
    const headers = responseHeaders(samples);
    if (headers) response.headers = headers;
    const bodies = samples.map((s) => s.body).filter((b): b is BodySample => b !== undefined);
    if (bodies.length > 0)
      response.content = contentOf(
        bodies,
        samples.filter((s) => s.body).map((s) => s.name),
      );
    out[status] = response;
  }
  return out;
}

function responseHeaders(samples: MessageSample[]): Record<string, unknown> | undefined {
  const out: Record<string, { schema: JsonSchema; example?: string }> = {};
  for (const s of samples) {
    for (const [name, value] of s.headers) {
      if (name.toLowerCase() === 'content-type' || out[name]) continue;
      out[name] = value === '' ? { schema: { type: 'string' } } : { schema: { type: 'string' }, example: value };
    }
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Media type map for several bodies: examples keyed per sample, differing schemas combined. */
function contentOf(bodies: BodySample[], names: Array<string | undefined>): Record<string, unknown> {
  const byType = new Map<string, Array<{ body: BodySample; name: string | undefined }>>();
  bodies.forEach((body, i) => {
    byType.set(body.mediaType, [...(byType.get(body.mediaType) ?? []), { body, name: names[i] }]);
  });
  const content: Record<string, unknown> = {};
  for (const [mediaType, list] of byType) {
    const media: Record<string, unknown> = { schema: unionOf(list.map((l) => l.body.schema)) };
    const examples: Array<{ name: string | undefined; value: unknown }> = [];
    for (const { body, name } of list) for (const value of body.examples) examples.push({ name, value });
    const distinct = dedupeExamples(examples);
    if (distinct.length === 1) media.example = distinct[0]?.value;
    else if (distinct.length > 1) media.examples = exampleMap(distinct);
    content[mediaType] = media;
  }
  return content;
}

/**
 * One schema for several bodies. `oneOf` only when the branches cannot overlap
 * (distinct JSON types); otherwise `anyOf`, since `oneOf` would reject a payload
 * that happens to fit two shapes.
 */
function unionOf(schemas: JsonSchema[]): JsonSchema {
  const distinct = dedupe(schemas);
  if (distinct.length <= 1) return distinct[0] ?? {};
  const types = distinct.map((s) => (typeof s.type === 'string' ? s.type : undefined));
  const exclusive = types.every((t) => t !== undefined) && new Set(types).size === types.length;
  return exclusive ? { oneOf: distinct } : { anyOf: distinct };
}

function dedupeExamples(list: Array<{ name: string | undefined; value: unknown }>) {
  const seen = new Set<string>();
  return list.filter((e) => {
    const key = JSON.stringify(e.value);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function exampleMap(list: Array<{ name: string | undefined; value: unknown }>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  list.forEach((e, i) => {
    let key = e.name ? e.name : `example${i + 1}`;
    for (let n = 2; out[key] !== undefined; n++) key = `${e.name ?? 'example'} ${n}`;
    out[key] = e.name ? { summary: e.name, value: e.value } : { value: e.value };
  });
  return out;
}

function pathVariables(path: string): string[] {
  return [...path.matchAll(/\{([^}]*)\}/g)].map((m) => m[1] ?? '');
}

function statusOf(raw: string | undefined): string {
  const s = raw?.trim() ?? '';
  if (/^[1-5]\d\d$/.test(s)) return s;
  if (/^[1-5]XX$/i.test(s)) return s.toUpperCase();
  return 'default';
}

function compareStatus(a: string, b: string): number {
  if (a === 'default') return 1;
  if (b === 'default') return -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

const REASONS: Record<string, string> = {
  '200': 'OK',
  '201': 'Created',
  '202': 'Accepted',
  '204': 'No Content',
  '301': 'Moved Permanently',
  '302': 'Found',
  '304': 'Not Modified',
  '400': 'Bad Request',
  '401': 'Unauthorized',
  '403': 'Forbidden',
  '404': 'Not Found',
  '405': 'Method Not Allowed',
  '406': 'Not Acceptable',
  '409': 'Conflict',
  '410': 'Gone',
  '415': 'Unsupported Media Type',
  '422': 'Unprocessable Entity',
  '429': 'Too Many Requests',
  '500': 'Internal Server Error',
  '502': 'Bad Gateway',
  '503': 'Service Unavailable',
  '504': 'Gateway Timeout',
};

function reasonPhrase(status: string): string {
  return REASONS[status] ?? (status === 'default' ? 'Response' : `Status ${status}`);
}

function copyOf(el: Element): string | undefined {
  const parts = children(el)
    .filter((c) => c.element === 'copy')
    .map((c) => text(c)?.trim())
    .filter((s): s is string => !!s);
  const own = description(el)?.trim();
  if (own) parts.unshift(own);
  return parts.length > 0 ? parts.join('\n\n') : undefined;
}

/**
 * `HOST` is the server. Further `HOST_<NAME>` metadata (e.g. `HOST_SANDBOX`) add
 * servers described by their name, since API Blueprint has no other place for them.
 */
function serversOf(
  metadata: Array<[string, string]>,
  sink: DiagnosticSink,
  locator: SourceLocator,
): Array<{ url: string; description?: string }> {
  const servers: Array<{ url: string; description?: string }> = [];
  for (const [key, value] of metadata) {
    const match = /^HOST(?:[ _-](.+))?$/i.exec(key.trim());
    if (!match || !value.trim()) continue;
    const server: { url: string; description?: string } = { url: serverUrl(value.trim(), sink, locator.findMetadata(key)) };
    if (match[1]) server.description = match[1].replace(/[_-]+/g, ' ').toLowerCase();
    if (!servers.some((s) => s.url === server.url)) servers.push(server);
  }
  return servers;
}

function serverUrl(host: string, sink: DiagnosticSink, where: SourcePosition | undefined): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(host) || host.startsWith('/')) return host.replace(/\/+$/, '') || '/';
  sink.warn(`HOST '${host}' has no scheme; https:// is assumed`, where);
  return `https://${host}`.replace(/\/+$/, '');
}
