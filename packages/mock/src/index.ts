export { DocumentError } from './check-document.js';
export { findFreePort } from './free-port.js';
export {
  PrismStartError,
  startPrism,
  type MockPrismOptions,
  type PrismExit,
  type PrismMode,
  type PrismOptions,
  type PrismServer,
  type ProxyPrismOptions,
} from './prism.js';
export {
  ContractViolationError,
  VIOLATIONS_HEADER,
  assertNoViolations,
  formatViolation,
  readPrismProblem,
  readViolations,
  type PrismProblem,
  type Violation,
  type ViolationSeverity,
} from './violations.js';
