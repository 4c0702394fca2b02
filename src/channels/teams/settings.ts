import { z } from 'zod';
import { ErrorCode, GuichetError } from '../../errors.js';

/** How the Azure bot resource authenticates: new bots are single-tenant (multi-tenant creation ended in 2025). */
export const TEAMS_APP_TYPES = ['SingleTenant', 'MultiTenant', 'UserAssignedMSI'] as const;
export type TeamsAppType = (typeof TEAMS_APP_TYPES)[number];

/** The Teams channel's settings, read once from the environment. */
export type TeamsSettings =
  | {
      /** A registered Azure bot: every request must carry a Bot Framework token. */
      anonymous: false;
      appId: string;
      /** The client secret; absent for a user-assigned managed identity. */
      password: string | null;
      /** The Entra tenant of a single-tenant bot or a managed identity; null for a multi-tenant one. */
      tenantId: string | null;
      appType: TeamsAppType;
    }
  | {
      /** No app id and no token: the Agents Playground, the Emulator and tests only. */
      anonymous: true;
      appId: '';
    };

const blankIsUnset = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const text = z.preprocess(blankIsUnset, z.string().trim().min(1).optional());

const envSchema = z.object({
  MicrosoftAppId: text,
  MicrosoftAppPassword: text,
  MicrosoftAppTenantId: text,
  MicrosoftAppType: z.preprocess(
    blankIsUnset,
    z.enum(TEAMS_APP_TYPES, { error: `expected one of ${TEAMS_APP_TYPES.join(', ')}` }).default('SingleTenant'),
  ),
  TEAMS_ANONYMOUS: z.preprocess(
    blankIsUnset,
    z
      .string()
      .trim()
      .toLowerCase()
      .pipe(z.enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'expected true or false' }))
      .optional(),
  ),
});

function isTrue(value: string | undefined): boolean {
  return value === 'true' || value === '1' || value === 'yes';
}

/** Whether the Teams channel is configured: it comes on with MicrosoftAppId, or TEAMS_ANONYMOUS=true. */
export function teamsEnabled(env: NodeJS.ProcessEnv): boolean {
  return (env.MicrosoftAppId ?? '').trim() !== '' || isTrue((env.TEAMS_ANONYMOUS ?? '').trim().toLowerCase());
}

function invalid(message: string): GuichetError {
  return new GuichetError(ErrorCode.InvalidInput, `Teams settings are invalid: ${message}; see .env.example.`);
}

/**
 * Reads and validates the Teams channel's environment. A missing setting stops start-up with its
 * name: a single-tenant bot needs MicrosoftAppPassword and MicrosoftAppTenantId, a multi-tenant one
 * its password, a managed identity its tenant.
 */
export function readTeamsSettings(env: NodeJS.ProcessEnv): TeamsSettings {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw invalid(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
  }
  const { MicrosoftAppId, MicrosoftAppPassword, MicrosoftAppTenantId, MicrosoftAppType, TEAMS_ANONYMOUS } = parsed.data;
  const anonymous = isTrue(TEAMS_ANONYMOUS);
  if (anonymous) {
    if (MicrosoftAppId !== undefined) {
      throw invalid('TEAMS_ANONYMOUS=true and MicrosoftAppId are both set; unset one of them');
    }
    return { anonymous: true, appId: '' };
  }
  if (MicrosoftAppId === undefined) {
    throw invalid('MicrosoftAppId is not set (or set TEAMS_ANONYMOUS=true to try the bot locally)');
  }
  const missing: string[] = [];
  if (MicrosoftAppType !== 'UserAssignedMSI' && MicrosoftAppPassword === undefined)
    missing.push('MicrosoftAppPassword');
  if (MicrosoftAppType !== 'MultiTenant' && MicrosoftAppTenantId === undefined) missing.push('MicrosoftAppTenantId');
  if (missing.length > 0) {
    throw invalid(
      `${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set (needed by a ${MicrosoftAppType} bot)`,
    );
  }
  return {
    anonymous: false,
    appId: MicrosoftAppId,
    password: MicrosoftAppPassword ?? null,
    tenantId: MicrosoftAppTenantId ?? null,
    appType: MicrosoftAppType,
  };
}
