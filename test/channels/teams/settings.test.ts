import { describe, expect, it } from 'vitest';
import { createTeamsChannel } from '../../../src/channels/teams/index.js';
import { readTeamsSettings, teamsEnabled } from '../../../src/channels/teams/settings.js';

const APP_ID = '3f9a1c7e-5b2d-4a8f-9e6c-1d0b7a4c2e8f';
const TENANT = '9b2f6c4e-1a3d-4e5f-8c7b-2d1e0f9a8b7c';

describe('the Teams settings', () => {
  it.each([
    [{}, false],
    [{ MicrosoftAppId: '  ' }, false],
    [{ TEAMS_ANONYMOUS: 'false' }, false],
    [{ MicrosoftAppId: APP_ID }, true],
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
      /MicrosoftAppPassword and MicrosoftAppTenantId are not set \(needed by a SingleTenant bot\)/,
    ],
    [{ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'secret' }, /MicrosoftAppTenantId is not set/],
    [{ MicrosoftAppId: APP_ID, MicrosoftAppTenantId: TENANT }, /MicrosoftAppPassword is not set/],
    [
      { MicrosoftAppId: APP_ID, MicrosoftAppType: 'MultiTenant' },
      /MicrosoftAppPassword is not set \(needed by a MultiTenant bot\)/,
    ],
    [{ MicrosoftAppId: APP_ID, MicrosoftAppType: 'UserAssignedMSI' }, /MicrosoftAppTenantId is not set/],
    [
      { MicrosoftAppId: APP_ID, MicrosoftAppType: 'Personal' },
      /MicrosoftAppType: expected one of SingleTenant, MultiTenant, UserAssignedMSI/,
    ],
    [{ TEAMS_ANONYMOUS: 'true', MicrosoftAppId: APP_ID }, /both set/],
    [{ TEAMS_ANONYMOUS: 'peut-être' }, /TEAMS_ANONYMOUS: expected true or false/],
    [{}, /MicrosoftAppId is not set/],
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
    expect(channel.notice?.({ TEAMS_ANONYMOUS: 'true' })).toMatch(
      /\/api\/messages without authentication .*for local testing only/,
    );
    expect(
      channel.notice?.({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 's', MicrosoftAppTenantId: TENANT }),
    ).not.toMatch(/local testing/);
  });
});
