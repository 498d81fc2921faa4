/** @tm-partner/client: the typed Partner-App API client. */
export { createPartnerClient, PartnerClient } from './partner-client.js';
export type { CaptchaPage, PartnerClientOptions, UnredeemedOrdersQuery } from './partner-client.js';
export type { CallOptions } from './call-options.js';
export type { CleanupReport, CleanupTrigger } from './cart-cleanup.js';
export { CartSession } from './cart-session.js';
export type { CartState, PaymentInput } from './cart-session.js';
export type { PurchaseFlowInput, PurchaseFlowResult } from './purchase-flow.js';
export type { EndUser } from './end-user.js';
export { ENVIRONMENTS } from './environments.js';
export type { Environment } from './environments.js';
export type { PollingOptions, PollProgress } from './polling.js';
export type { LogLevel, LogRecord, LogSink } from './logger.js';
export {
  ErrorCode,
  FaultCode,
  PartnerApiError,
  PartnerError,
  PartnerNetworkError,
  PartnerPollingError,
  PartnerResponseError,
  PartnerTimeoutError,
  PartnerValidationError,
} from './errors.js';
export type { PollingFailure, ResponseFailure } from './errors.js';
export { encryptCardField, readEncryptionKey } from './encrypt-card.js';
export { passesLuhn, validateBilling, validateCard } from './validate-card.js';
export type { CardInput, PaymentDetails, ValidCard } from './validate-card.js';
export { maintenanceWindow } from './maintenance-window.js';
export type { MaintenanceHours, MaintenanceWindow } from './maintenance-window.js';
export { allowedQuantities, checkQuantity } from './quantities.js';
export { redactBody, redactHeaders, redactUrl } from './redact.js';
export type {
  CartResponse,
  Certificate,
  EventDetails,
  PaymentResult,
  PurchaseResult,
  ReserveEvent,
  TicketType,
  UnredeemedOrders,
  components,
  operations,
  paths,
} from './api-types.js';
