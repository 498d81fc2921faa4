/**
 * The rules of the API diff: each change it reports has one of these ids and the
 * rule's severity. Whether a change breaks clients depends on its direction: a
 * schema a client sends (request) may only accept more, one it receives
 * (response) may only promise more.
 */

/** breaking: clients written for the old API fail; warning: they may; info: they do not. */
export type Severity = 'breaking' | 'warning' | 'info';

/** Every rule: its severity and, for the docs and `--help`, what it means. */
export const RULES = {
  // Operations.
  'operation-removed': { severity: 'breaking', means: 'an operation (method and path) is gone' },
  'operation-added': { severity: 'info', means: 'a new operation' },
  'operation-id-changed': {
    severity: 'breaking',
    means: 'an operationId changed; generated clients and code keyed on operations[...] break',
  },
  'component-schema-removed': {
    severity: 'breaking',
    means: "a named schema is gone; code using the generated type components['schemas'][...] breaks",
  },
  // Security.
  'security-requirement-added': {
    severity: 'breaking',
    means: 'a way to authenticate now needs one more scheme, or a call that needed none now needs one',
  },
  'security-alternative-removed': { severity: 'breaking', means: 'a way to authenticate is no longer accepted' },
  'security-alternative-added': { severity: 'info', means: 'a new way to authenticate is accepted' },
  'security-scheme-changed': { severity: 'breaking', means: 'a security scheme an operation uses changed (type, location, name)' },
  // Parameters (always sent by the client).
  'request-parameter-added-required': { severity: 'breaking', means: 'a new required parameter' },
  'request-parameter-added': { severity: 'info', means: 'a new optional parameter' },
  'request-parameter-removed': { severity: 'warning', means: 'a parameter is gone; clients still sending it are ignored or refused' },
  'request-parameter-became-required': { severity: 'breaking', means: 'an optional parameter is now required' },
  'request-parameter-became-optional': { severity: 'info', means: 'a required parameter is now optional' },
  'request-parameter-location-changed': { severity: 'breaking', means: 'a parameter moved (query, header, path, cookie)' },
  'request-path-parameter-renamed': {
    severity: 'warning',
    means: 'a path variable was renamed; the URL is the same, code naming the parameter must follow',
  },
  // Request bodies.
  'request-body-added-required': { severity: 'breaking', means: 'an operation now requires a body' },
  'request-body-added': { severity: 'info', means: 'an operation now takes an optional body' },
  'request-body-removed': { severity: 'warning', means: 'an operation no longer takes a body' },
  'request-body-became-required': { severity: 'breaking', means: 'an optional body is now required' },
  'request-body-became-optional': { severity: 'info', means: 'a required body is now optional' },
  'request-media-type-removed': { severity: 'breaking', means: 'a request content type is no longer accepted' },
  'request-media-type-added': { severity: 'info', means: 'a new request content type is accepted' },
  // Responses.
  'response-success-status-removed': { severity: 'breaking', means: 'a 2xx response is gone' },
  'response-status-removed': { severity: 'info', means: 'a non-2xx response is gone' },
  'response-success-status-added': { severity: 'warning', means: 'a new 2xx response (e.g. 202 to poll); clients may not handle it' },
  'response-status-added': { severity: 'info', means: 'a new non-2xx response' },
  'response-media-type-removed': { severity: 'breaking', means: 'a response content type is gone' },
  'response-media-type-added': { severity: 'info', means: 'a new response content type' },
  'response-header-removed': { severity: 'warning', means: 'a response header is gone' },
  // Schemas the client sends.
  'request-property-added-required': { severity: 'breaking', means: 'a new required property in what clients send' },
  'request-property-added': { severity: 'info', means: 'a new optional property in what clients send' },
  'request-property-removed': { severity: 'warning', means: 'a property clients send is gone; it is ignored or refused' },
  'request-property-became-required': { severity: 'breaking', means: 'an optional property clients send is now required' },
  'request-property-became-optional': { severity: 'info', means: 'a required property clients send is now optional' },
  'request-type-narrowed': { severity: 'breaking', means: 'fewer types accepted (e.g. number → integer)' },
  'request-type-widened': { severity: 'info', means: 'more types accepted' },
  'request-type-changed': { severity: 'breaking', means: 'a different type expected' },
  'request-became-not-nullable': { severity: 'breaking', means: 'null no longer accepted' },
  'request-became-nullable': { severity: 'info', means: 'null now accepted' },
  'request-format-added': { severity: 'breaking', means: 'a format now restricts the values accepted' },
  'request-format-removed': { severity: 'info', means: 'a format no longer restricts the values accepted' },
  'request-format-changed': { severity: 'breaking', means: 'a different format expected' },
  'request-enum-value-removed': { severity: 'breaking', means: 'a value clients may send is no longer accepted' },
  'request-enum-value-added': { severity: 'info', means: 'a new value accepted' },
  'request-enum-added': { severity: 'breaking', means: 'values are now restricted to a list' },
  'request-enum-removed': { severity: 'info', means: 'values are no longer restricted to a list' },
  'request-constraint-tightened': {
    severity: 'breaking',
    means: 'a limit accepts less (maxLength down, minimum up, pattern added, object closed, …)',
  },
  'request-constraint-loosened': { severity: 'info', means: 'a limit accepts more' },
  'request-pattern-changed': { severity: 'warning', means: 'a different pattern; some values accepted before may be refused' },
  'request-alternative-removed': { severity: 'breaking', means: 'a shape clients may send (oneOf/anyOf member) is gone' },
  'request-alternative-added': { severity: 'info', means: 'a new shape clients may send' },
  'request-tuple-element-added': { severity: 'info', means: 'a fixed-length array (tuple) clients send accepts one more element' },
  'request-tuple-element-removed': { severity: 'breaking', means: 'an element of a tuple clients send is no longer accepted' },
  // Schemas the client receives.
  'response-property-removed': { severity: 'breaking', means: 'a property clients read is gone' },
  'response-property-added': { severity: 'info', means: 'a new property in what clients receive' },
  'response-property-became-optional': { severity: 'breaking', means: 'a property clients read may now be missing' },
  'response-property-became-required': { severity: 'info', means: 'a property clients read is now always there' },
  'response-type-widened': { severity: 'breaking', means: 'values of more types may arrive (e.g. integer → number)' },
  'response-type-narrowed': { severity: 'info', means: 'values of fewer types arrive' },
  'response-type-changed': { severity: 'breaking', means: 'values of a different type arrive' },
  'response-became-nullable': { severity: 'breaking', means: 'null may now arrive' },
  'response-became-not-nullable': { severity: 'info', means: 'null no longer arrives' },
  'response-format-removed': { severity: 'breaking', means: 'values no longer follow the format clients parse' },
  'response-format-added': { severity: 'info', means: 'values now follow a format' },
  'response-format-changed': { severity: 'breaking', means: 'values follow a different format' },
  'response-enum-value-added': { severity: 'warning', means: 'a new value may arrive; clients may not handle it' },
  'response-enum-value-removed': { severity: 'info', means: 'a value no longer arrives' },
  'response-enum-added': { severity: 'info', means: 'values are now restricted to a list' },
  'response-enum-removed': { severity: 'warning', means: 'values are no longer restricted to a list; clients may not handle new ones' },
  'response-constraint-loosened': {
    severity: 'breaking',
    means: 'a limit promises less (maxLength up, minimum down, pattern removed, …)',
  },
  'response-constraint-tightened': { severity: 'info', means: 'a limit promises more' },
  'response-pattern-changed': { severity: 'warning', means: 'values follow a different pattern' },
  'response-alternative-added': { severity: 'breaking', means: 'a new shape may arrive (oneOf/anyOf member)' },
  'response-alternative-removed': { severity: 'info', means: 'a shape no longer arrives' },
  'response-tuple-element-added': { severity: 'info', means: 'a fixed-length array (tuple) clients receive has one more element' },
  'response-tuple-element-removed': { severity: 'breaking', means: 'an element of a tuple clients read is gone' },
} as const satisfies Record<string, { severity: Severity; means: string }>;

/** A rule's id, kebab-case: `response-property-became-optional`. */
export type RuleId = keyof typeof RULES;

/** The severity of a rule. */
export function severityOf(rule: RuleId): Severity {
  return RULES[rule].severity;
}
