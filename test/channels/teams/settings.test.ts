import { describe, expect, it } from 'vitest';
import { createTeamsChannel } from '../../../src/channels/teams/index.js';
import { readConfig } from '../../../src/config/config.js';

const readTeamsSettings = (env: Record<string, string>) => readConfig(env).channels.teams;
const teamsEnabled = (env: Record<string, string>) => readTeamsSettings(env) !== null;

const APP_ID = '3f9a1c7e-5b2d-4a8f-9e6c-1d0b7a4c2e8f';
const TENANT = '9b2f6c4e-1a3d-4e5f-8c7b-2d1e0f9a8b7c';

describe('the Teams settings', () => {
  it.each([
    [{}, false],
    [{ MicrosoftAppId: '  ' }, false],
    [{ TEAMS_ANONYMOUS: 'false' }, false],
    [{ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'secret', MicrosoftAppTenantId: TENANT }, true],
    [{ TEAMS_ANONYMOUS: 'true' }, true],
    [{ TEAMS_ANONYMOUS: 'TRUE' }, true],
  ])('%j is on: %s', (env, on) => {
    expect(teamsEnabled(env)).toBe(on);
  });

  it('reads a single-tenant bot, the default type', () => {
    expect(
      readTeamsSettings({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'secret', MicrosoftAppTenantId: TENANT }),
    ).toEqual({ anonymous: false, appId: APP_ID, password: 'secret', tenantId: TENANT, appType: 'SingleTenant' });
  });

  it.each([
    [
      { MicrosoftAppId: APP_ID },
      /MicrosoftAppPassword must be set for a SingleTenant bot\n.*MicrosoftAppTenantId must be set for a SingleTenant bot/,
    ],
    [{ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'secret' }, /MicrosoftAppTenantId must be set/],
    [{ MicrosoftAppId: APP_ID, MicrosoftAppTenantId: TENANT }, /MicrosoftAppPassword must be set/],
    [
      { MicrosoftAppId: APP_ID, MicrosoftAppType: 'MultiTenant' },
      /MicrosoftAppPassword must be set for a MultiTenant bot/,
    ],
    [{ MicrosoftAppId: APP_ID, MicrosoftAppType: 'UserAssignedMSI' }, /MicrosoftAppTenantId must be set/],
    [
      { MicrosoftAppId: APP_ID, MicrosoftAppType: 'Personal' },
      /MicrosoftAppType must be one of SingleTenant, MultiTenant, UserAssignedMSI/,
    ],
    [
      { TEAMS_ANONYMOUS: 'true', MicrosoftAppId: APP_ID },
      /TEAMS_ANONYMOUS must not be true when MicrosoftAppId is set/,
    ],
    [{ TEAMS_ANONYMOUS: 'peut-être' }, /TEAMS_ANONYMOUS must be true or false/],
    [{ MicrosoftAppPassword: 'secret' }, /MicrosoftAppId must be set when MicrosoftAppPassword is/],
  ])('%j stops start-up naming the setting', (env, message) => {
    expect(() => readTeamsSettings(env)).toThrow(message);
  });

  it('accepts a multi-tenant bot without a tenant and a managed identity without a password', () => {
    expect(
      readTeamsSettings({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 's', MicrosoftAppType: 'MultiTenant' }),
    ).toMatchObject({
      tenantId: null,
      appType: 'MultiTenant',
    });
    expect(
      readTeamsSettings({ MicrosoftAppId: APP_ID, MicrosoftAppTenantId: TENANT, MicrosoftAppType: 'UserAssignedMSI' }),
    ).toMatchObject({
      password: null,
    });
  });

  it('says in the start-up banner that anonymous mode is for local testing only', () => {
    const channel = createTeamsChannel();
    expect(channel.notice?.(readConfig({ TEAMS_ANONYMOUS: 'true' }))).toMatch(
      /\/api\/messages without authentication .*for local testing only/,
    );
    expect(
      channel.notice?.(readConfig({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 's', MicrosoftAppTenantId: TENANT })),
    ).not.toMatch(/local testing/);
  });
});
