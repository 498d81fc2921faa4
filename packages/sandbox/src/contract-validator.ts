/**
 * Checks requests and responses against the OpenAPI document (generated/openapi.json).
 * The whole document is registered with Ajv once under a base URI, so every schema of
 * an operation is compiled from a JSON pointer into it and its `#/components/schemas/…`
 * references resolve against the same document. All validators are compiled when the
 * sandbox starts: a schema Ajv cannot compile stops the start, not a request.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';

/** The parts of an OpenAPI 3.1 document the validator reads. */
export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, unknown> };
  [key: string]: unknown;
}

/** An operation of the document, with what routing needs. */
export interface OperationInfo {
  operationId: string;
  /** Upper-case HTTP method. */
  method: string;
  /** Path template relative to the API base, e.g. `/event/{event_id}`. */
  path: string;
  pathParams: readonly string[];
}

/** A request as the validator sees it. Header names are lower case. */
export interface RequestParts {
  pathParams: Readonly<Record<string, string>>;
  query: URLSearchParams;
  headers: Readonly<Record<string, string | undefined>>;
  /** Media type of the body, without parameters. */
  mediaType?: string;
  /** Parsed body (JSON value, or form fields as an object); undefined when none was sent. */
  body?: unknown;
}

/** A response as the validator sees it. Header names are lower case. */
export interface ResponseParts {
  status: number;
  headers: Readonly<Record<string, string | undefined>>;
  mediaType?: string;
  /** Parsed body; undefined when there is none. */
  body?: unknown;
}

/** Result of a response check: the problems, and whether the status is in the document at all. */
export interface ResponseCheck {
  problems: string[];
  documented: boolean;
}

/** Outcome of matching a method and path to an operation. */
export type RouteMatch =
  | { kind: 'operation'; operation: OperationInfo; params: Record<string, string> }
  | { kind: 'method-not-allowed'; allowed: string[] }
  | { kind: 'not-found' };

const BASE_URI = 'https://tm-partner-sandbox.invalid/openapi.json';
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
// Keywords of the OpenAPI document around the schemas; registered so Ajv's strict mode accepts the document root.
const DOCUMENT_KEYWORDS = [
  'openapi',
  'jsonSchemaDialect',
  'info',
  'paths',
  'servers',
  'tags',
  'components',
  'webhooks',
  'security',
  'externalDocs',
  'example',
];
const MAX_PROBLEMS = 8;

interface ParameterCheck {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  type: string | undefined;
  validate: ValidateFunction | undefined;
}

interface MediaCheck {
  mediaType: string;
  validate: ValidateFunction | undefined;
}

interface ResponseSpec {
  media: MediaCheck[];
  headers: Array<{ name: string; required: boolean; validate: ValidateFunction | undefined }>;
}

interface CompiledOperation {
  info: OperationInfo;
  pattern: RegExp;
  parameters: ParameterCheck[];
  body: { required: boolean; media: MediaCheck[] } | undefined;
  responses: Map<string, ResponseSpec>;
}

/** Validates traffic against one OpenAPI document. */
export class ContractValidator {
  private readonly ajv = new Ajv2020({ allErrors: true, strict: true });
  private readonly operations = new Map<string, CompiledOperation>();
  private readonly schemaValidators = new Map<string, ValidateFunction>();

  /** Loads and compiles a document from a JSON file. */
  static fromFile(file: string | URL): ContractValidator {
    return new ContractValidator(JSON.parse(readFileSync(file, 'utf8')) as OpenApiDocument);
  }

  /** Compiles every schema the document's operations use. */
  constructor(private readonly document: OpenApiDocument) {
    if (typeof document.openapi !== 'string' || !document.openapi.startsWith('3.1')) {
      throw new Error('contract validator: expected an OpenAPI 3.1 document');
    }
    formats.default(this.ajv);
    this.ajv.addVocabulary(DOCUMENT_KEYWORDS);
    this.ajv.addSchema(document, BASE_URI);
    for (const [path, item] of Object.entries(document.paths)) {
      for (const method of METHODS) {
        const operation = record(item[method]);
        if (operation) this.compileOperation(path, method, operation, record(item)?.parameters);
      }
    }
  }

  /** Every operation of the document. */
  listOperations(): OperationInfo[] {
    return [...this.operations.values()].map((op) => op.info);
  }

  /** Finds the operation for a method and a path relative to the API base. */
  match(method: string, path: string): RouteMatch {
    const allowed: string[] = [];
    for (const op of this.operations.values()) {
      const found = op.pattern.exec(path);
      if (!found) continue;
      if (op.info.method !== method.toUpperCase()) {
        allowed.push(op.info.method);
        continue;
      }
      const params: Record<string, string> = {};
      try {
        op.info.pathParams.forEach((name, index) => {
          params[name] = decodeURIComponent(found[index + 1] ?? '');
        });
      } catch {
        return { kind: 'not-found' }; // a malformed %-escape names no resource
      }
      return { kind: 'operation', operation: op.info, params };
    }
    return allowed.length > 0 ? { kind: 'method-not-allowed', allowed } : { kind: 'not-found' };
  }

  /** Problems of a request (parameters, headers, body); empty when it follows the contract. */
  validateRequest(operationId: string, request: RequestParts): string[] {
    const op = this.operation(operationId);
    const problems: string[] = [];
    for (const parameter of op.parameters) {
      const raw = readParameter(parameter, request);
      if (raw === undefined) {
        if (parameter.required) problems.push(`${parameter.in} parameter "${parameter.name}" is required`);
        continue;
      }
      if (parameter.validate && !parameter.validate(coerce(raw, parameter.type))) {
        problems.push(...describe(parameter.validate.errors, `${parameter.in} parameter "${parameter.name}"`));
      }
    }
    if (op.body) {
      if (request.body === undefined) {
        if (op.body.required) problems.push('a request body is required');
      } else {
        const media = findMedia(op.body.media, request.mediaType);
        if (!media) {
          problems.push(
            `request body must be ${op.body.media.map((m) => m.mediaType).join(' or ')}, not ${request.mediaType ?? 'untyped'}`,
          );
        } else if (media.validate && !media.validate(request.body)) {
          problems.push(...describe(media.validate.errors, 'body'));
        }
      }
    }
    return problems.slice(0, MAX_PROBLEMS);
  }

  /** Problems of a response for an operation; `documented` is false when the status is not in the document. */
  validateResponse(operationId: string, response: ResponseParts): ResponseCheck {
    const op = this.operation(operationId);
    const spec =
      op.responses.get(String(response.status)) ??
      op.responses.get(`${String(response.status).charAt(0)}XX`) ??
      op.responses.get('default');
    if (!spec) return { problems: [`status ${response.status} is not documented for ${operationId}`], documented: false };
    const problems: string[] = [];
    if (spec.media.length === 0) {
      if (response.body !== undefined)
        problems.push(`status ${response.status} of ${operationId} has no body in the contract, but one was sent`);
    } else if (response.body === undefined) {
      problems.push(`status ${response.status} of ${operationId} needs a ${spec.media.map((m) => m.mediaType).join(' or ')} body`);
    } else {
      const media = findMedia(spec.media, response.mediaType);
      if (!media) {
        problems.push(
          `status ${response.status} of ${operationId} must be ${spec.media.map((m) => m.mediaType).join(' or ')}, not ${response.mediaType ?? 'untyped'}`,
        );
      } else if (media.validate && !media.validate(response.body)) {
        problems.push(...describe(media.validate.errors, 'body'));
      }
    }
    for (const header of spec.headers) {
      const value = response.headers[header.name.toLowerCase()];
      if (value === undefined) {
        if (header.required) problems.push(`response header ${header.name} is required`);
      } else if (header.validate && !header.validate(value)) {
        problems.push(...describe(header.validate.errors, `response header ${header.name}`));
      }
    }
    return { problems: problems.slice(0, MAX_PROBLEMS), documented: true };
  }

  /** Problems of a value against `#/components/schemas/<name>`. */
  validateSchema(name: string, value: unknown): string[] {
    let validate = this.schemaValidators.get(name);
    if (!validate) {
      if (!record(this.document.components?.schemas)?.[name]) throw new Error(`contract validator: no schema named ${name}`);
      validate = this.compilePointer(['components', 'schemas', name]);
      this.schemaValidators.set(name, validate);
    }
    return validate(value) ? [] : describe(validate.errors, name).slice(0, MAX_PROBLEMS);
  }

  private operation(operationId: string): CompiledOperation {
    const op = this.operations.get(operationId);
    if (!op) throw new Error(`contract validator: unknown operation ${operationId}`);
    return op;
  }

  private compileOperation(path: string, method: string, operation: Record<string, unknown>, shared: unknown): void {
    const operationId = typeof operation.operationId === 'string' ? operation.operationId : `${method} ${path}`;
    const base = ['paths', path, method];
    const parameters: ParameterCheck[] = [];
    const lists: Array<[unknown, string[]]> = [
      [shared, ['paths', path, 'parameters']],
      [operation.parameters, [...base, 'parameters']],
    ];
    for (const [list, pointer] of lists) {
      if (!Array.isArray(list)) continue;
      list.forEach((item: unknown, index) => {
        const parameter = record(item);
        if (!parameter || typeof parameter.name !== 'string') return;
        const location = parameter.in;
        if (location !== 'path' && location !== 'query' && location !== 'header' && location !== 'cookie') return;
        const schema = record(parameter.schema);
        parameters.push({
          name: parameter.name,
          in: location,
          required: parameter.required === true || location === 'path',
          type: typeof schema?.type === 'string' ? schema.type : undefined,
          validate: schema ? this.compilePointer([...pointer, String(index), 'schema']) : undefined,
        });
      });
    }
    // Template variables become capture groups of one path segment each, as in OpenAPI.
    const pathParams: string[] = [];
    const source = path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{([^}]+)\}/g, (_whole, name: string) => {
      pathParams.push(name);
      return '([^/]+)';
    });
    const requestBody = record(operation.requestBody);
    const body = requestBody
      ? {
          required: requestBody.required === true,
          media: this.compileMedia(record(requestBody.content), [...base, 'requestBody', 'content']),
        }
      : undefined;
    const responses = new Map<string, ResponseSpec>();
    for (const [status, value] of Object.entries(record(operation.responses) ?? {})) {
      const response = record(value);
      if (!response) continue;
      const pointer = [...base, 'responses', status];
      const headers = Object.entries(record(response.headers) ?? {}).map(([name, header]) => {
        const spec = record(header);
        return {
          name,
          required: spec?.required === true,
          validate: record(spec?.schema) ? this.compilePointer([...pointer, 'headers', name, 'schema']) : undefined,
        };
      });
      responses.set(status, { media: this.compileMedia(record(response.content), [...pointer, 'content']), headers });
    }
    this.operations.set(operationId, {
      info: { operationId, method: method.toUpperCase(), path, pathParams },
      pattern: new RegExp(`^${source}$`),
      parameters,
      body,
      responses,
    });
  }

  private compileMedia(content: Record<string, unknown> | undefined, pointer: string[]): MediaCheck[] {
    return Object.entries(content ?? {}).map(([mediaType, value]) => ({
      mediaType,
      validate: record(record(value)?.schema) ? this.compilePointer([...pointer, mediaType, 'schema']) : undefined,
    }));
  }

  private compilePointer(tokens: string[]): ValidateFunction {
    const fragment = tokens.map((token) => encodeURIComponent(token.replace(/~/g, '~0').replace(/\//g, '~1'))).join('/');
    return this.ajv.compile({ $ref: `${BASE_URI}#/${fragment}` });
  }
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function readParameter(parameter: ParameterCheck, request: RequestParts): string | undefined {
  switch (parameter.in) {
    case 'path':
      return request.pathParams[parameter.name];
    case 'query':
      return request.query.get(parameter.name) ?? undefined;
    case 'header':
      return request.headers[parameter.name.toLowerCase()];
    default:
      return undefined; // cookies are not used by this API
  }
}

/** Query and header values are text; numbers and booleans are read as such before validation. */
function coerce(raw: string, type: string | undefined): unknown {
  if ((type === 'number' || type === 'integer') && /^-?\d+(\.\d+)?$/.test(raw.trim())) return Number(raw);
  if (type === 'boolean' && (raw === 'true' || raw === 'false')) return raw === 'true';
  return raw;
}

function findMedia(media: MediaCheck[], mediaType: string | undefined): MediaCheck | undefined {
  if (!mediaType) return undefined;
  return (
    media.find((m) => m.mediaType === mediaType) ??
    media.find((m) => m.mediaType === '*/*' || (m.mediaType.endsWith('/*') && mediaType.startsWith(m.mediaType.slice(0, -1))))
  );
}

/** Ajv errors as short lines; Ajv's messages name paths and rules, never the data. */
function describe(errors: ErrorObject[] | null | undefined, subject: string): string[] {
  return (errors ?? []).map(
    (error) =>
      `${subject}${error.instancePath} ${error.message ?? 'is invalid'}${error.keyword === 'additionalProperties' ? ` (${String(error.params.additionalProperty)})` : ''}`,
  );
}
