// Applies the rule of src/shared/reveal.ts: who may see full numbers, and that they say why.
// Every endpoint that can answer a full ID or phone number takes its grant from here, so none
// can reveal without a purpose or audit a reveal without one.
import { REGISTRARS } from '../../shared/accounts.ts';
import type { RevealQuery } from '../../shared/reveal.ts';
import type { Actor } from './access.ts';
import { AppError } from './errors.ts';

/** Roles that register people door to door and so may see ID and phone numbers in full. */
export const REVEAL_ROLES = REGISTRARS;

export interface RevealGrant {
  reveal: boolean;
  /** In the audit entry of the read; any purpose given is kept, a reveal always has one. */
  purpose: string | null;
}

export const MASKED: RevealGrant = { reveal: false, purpose: null };

export function revealGrant(actor: Actor, query: RevealQuery): RevealGrant {
  const purpose = query.purpose ?? null;
  if (query.reveal !== 'true') return { reveal: false, purpose };
  if (!REVEAL_ROLES.includes(actor.role)) throw new AppError('FORBIDDEN', `The role ${actor.role} sees ID and phone numbers masked only`);
  if (!purpose) throw new AppError('VALIDATION_ERROR', 'purpose: say why you need the full numbers', [{ path: 'purpose', message: 'required to reveal' }]);
  return { reveal: true, purpose };
}
