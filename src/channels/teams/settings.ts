import { z } from 'zod';
import { booleanVariable, optionalVariable } from '../../config/variables.js';

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

/**
 * The Teams channel's variables, read by the one configuration (src/config/config.ts), and its
 * settings: null (Teams is off) without MicrosoftAppId and without TEAMS_ANONYMOUS=true. A missing
 * setting stops start-up with its name: a single-tenant bot needs MicrosoftAppPassword and
 * MicrosoftAppTenantId, a multi-tenant one its password, a managed identity its tenant.
 */
export const teamsSettings = z
  .object({
    MicrosoftAppId: optionalVariable(z.string()),
    MicrosoftAppPassword: optionalVariable(z.string()),
    MicrosoftAppTenantId: optionalVariable(z.string()),
    MicrosoftAppType: optionalVariable(
      z.enum(TEAMS_APP_TYPES, {
        error: (issue) => `must be one of ${TEAMS_APP_TYPES.join(', ')}, not "${String(issue.input)}"`,
      }),
    ),
    TEAMS_ANONYMOUS: booleanVariable(),
  })
  .superRefine((env, ctx) => {
    const need = (name: string, message: string) => ctx.addIssue({ code: 'custom', path: [name], message });
    if (env.TEAMS_ANONYMOUS) {
      if (env.MicrosoftAppId !== undefined)
        need('TEAMS_ANONYMOUS', 'must not be true when MicrosoftAppId is set: unset one of them');
      return;
    }
    if (env.MicrosoftAppId === undefined) {
      const set = (['MicrosoftAppPassword', 'MicrosoftAppTenantId'] as const).filter((name) => env[name] !== undefined);
      if (set.length > 0)
        need(
          'MicrosoftAppId',
          `must be set when ${set.join(' and ')} ${set.length > 1 ? 'are' : 'is'} (or set TEAMS_ANONYMOUS=true to try the bot locally)`,
        );
      return;
    }
    const type = env.MicrosoftAppType ?? 'SingleTenant';
    if (type !== 'UserAssignedMSI' && env.MicrosoftAppPassword === undefined)
      need('MicrosoftAppPassword', `must be set for a ${type} bot`);
    if (type !== 'MultiTenant' && env.MicrosoftAppTenantId === undefined)
      need('MicrosoftAppTenantId', `must be set for a ${type} bot`);
  })
  .transform((env): TeamsSettings | null => {
    if (env.TEAMS_ANONYMOUS) return { anonymous: true, appId: '' };
    if (env.MicrosoftAppId === undefined) return null;
    return {
      anonymous: false,
      appId: env.MicrosoftAppId,
      password: env.MicrosoftAppPassword ?? null,
      tenantId: env.MicrosoftAppTenantId ?? null,
      appType: env.MicrosoftAppType ?? 'SingleTenant',
    };
  });
