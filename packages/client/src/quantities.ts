/** Checks a requested quantity against a ticket type's rules from event details. */
import type { TicketType } from './api-types.js';
import { PartnerValidationError } from './errors.js';

/** Throws a PartnerValidationError naming `field` when `quantity` breaks the ticket type's rules. */
export function checkQuantity(ticket: Pick<TicketType, 'quantities'>, quantity: number, field = 'quantity'): void {
  if (!Number.isInteger(quantity) || quantity < 1) throw new PartnerValidationError(field, 'must be a whole number of at least 1');
  const { exact, limit, minimum, multiple } = ticket.quantities;
  // `exact` 0 means "no exact quantity required".
  if (exact > 0 && quantity !== exact) throw new PartnerValidationError(field, `must be exactly ${exact} for this ticket type`);
  if (minimum > 0 && quantity < minimum) throw new PartnerValidationError(field, `must be at least ${minimum} for this ticket type`);
  if (limit > 0 && quantity > limit) throw new PartnerValidationError(field, `must be at most ${limit} for this ticket type`);
  if (multiple > 1 && quantity % multiple !== 0)
    throw new PartnerValidationError(field, `must be a multiple of ${multiple} for this ticket type`);
}

/** Every quantity the ticket type allows, smallest first. */
export function allowedQuantities(ticket: Pick<TicketType, 'quantities'>): number[] {
  const out: number[] = [];
  const max = ticket.quantities.limit > 0 ? ticket.quantities.limit : 100;
  for (let q = 1; q <= max; q++) {
    try {
      checkQuantity(ticket, q);
      out.push(q);
    } catch {
      // not allowed
    }
  }
  return out;
}
