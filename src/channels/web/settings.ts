import { z } from 'zod';
import { booleanVariable } from '../../config/variables.js';

/** The web chat's settings: it is always on and needs no credentials. */
export interface WebSettings {
  /**
   * Whether the identity the page sends (`userId`) is believed: only where WEB_TRUST_USER_ID says
   * so, i.e. behind a single sign-on proxy that sets it. Otherwise anyone could claim a contact's
   * e-mail and list that contact's tickets, so the identity is ignored and Guichet asks who it is.
   */
  trustUserId: boolean;
}

/** The web chat's variables, read by the one configuration (src/config/config.ts). */
export const webSettings = z
  .object({ WEB_TRUST_USER_ID: booleanVariable() })
  .transform((env): WebSettings => ({ trustUserId: env.WEB_TRUST_USER_ID }));
