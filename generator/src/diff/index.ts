/**
 * `@tm-partner/apib-to-openapi/diff`: what changed between two OpenAPI documents,
 * each change with a rule, a severity that depends on its direction (sent or received
 * by the client) and the operations it affects; and the versioning policy that ties
 * breaking changes to major versions.
 */
export { type AffectedOperation, type ApiChange, diffApis } from './api-diff.js';
export { countChanges, describeOperations, formatChanges } from './format-changes.js';
export { RULES, type RuleId, type Severity } from './rules.js';
export { type Version, isBreakingRelease, nextBreakingRelease, parseVersion } from './version-policy.js';
