import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ManifestUtil } from '@microsoft/app-manifest';
import { unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { memoryIo } from '../helpers/memory-io.js';

const APP_ID = '3f9a1c7e-5b2d-4a8f-9e6c-1d0b7a4c2e8f';

/**
 * The Teams manifest schema Microsoft publishes, as the Microsoft 365 Agents Toolkit ships it in
 * its @microsoft/app-manifest package (build/json-schemas/teams/v1.30), read from there so the
 * test needs no network; the version is the manifest's own manifestVersion.
 */
function teamsSchema(version: string): Record<string, unknown> {
  const root = dirname(createRequire(import.meta.url).resolve('@microsoft/app-manifest/package.json'));
  const file = join(root, 'build', 'json-schemas', 'teams', `v${version}`, 'MicrosoftTeams.schema.json');
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

/** The width and height of a PNG, from its IHDR chunk. */
function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = Buffer.from(png);
  expect(view.subarray(1, 4).toString('ascii')).toBe('PNG');
  return { width: view.readUInt32BE(16), height: view.readUInt32BE(20) };
}

describe('guichet teams package', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'guichet-teams-package-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes a zip whose manifest the Teams manifest schema accepts, with the bot id of the environment and two icons', async () => {
    const out = join(dir, 'app.zip');
    const io = memoryIo('', { MicrosoftAppId: APP_ID });
    expect(await main(['teams', 'package', '--out', out], io)).toBe(0);
    expect(io.out()).toContain(out);

    const files = unzipSync(readFileSync(out));
    expect(Object.keys(files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json'])) as {
      manifestVersion: string;
      id: string;
      bots: { botId: string; scopes: string[]; commandLists: { commands: { title: string }[] }[] }[];
      icons: { color: string; outline: string };
    };
    expect(manifest.manifestVersion).toBe('1.30');
    const errors = await ManifestUtil.validateManifestAgainstSchema(
      manifest as never,
      teamsSchema(manifest.manifestVersion) as never,
    );
    expect(errors).toEqual([]);

    expect(manifest.id).toBe(APP_ID);
    expect(manifest.bots[0]?.botId).toBe(APP_ID);
    expect(manifest.bots[0]?.scopes).toEqual(['personal', 'team']);
    expect(manifest.bots[0]?.commandLists[0]?.commands.map((c) => c.title)).toEqual(['Nouveau ticket', 'Mes tickets']);
    // Teams asks for a 192×192 colour icon and a 32×32 outline.
    const color = files[manifest.icons.color];
    const outline = files[manifest.icons.outline];
    expect(color && pngSize(color)).toEqual({ width: 192, height: 192 });
    expect(outline && pngSize(outline)).toEqual({ width: 32, height: 32 });
  });

  it('is checked by a schema that refuses a wrong manifest', async () => {
    const manifest = JSON.parse(readFileSync(new URL('../../teams/manifest.json', import.meta.url), 'utf8'));
    // The template itself, before the app id is put in, is not a valid manifest.
    const errors = await ManifestUtil.validateManifestAgainstSchema(manifest as never, teamsSchema('1.30') as never);
    expect(errors.join('\n')).toMatch(/\/id/);
  });

  it('takes --app-id over the environment, and refuses an id that is not a GUID', async () => {
    const out = join(dir, 'app.zip');
    const other = '0a2c4e6f-8b1d-4f3a-9c5e-7b9d1f3a5c7e';
    expect(
      await main(['teams', 'package', '--app-id', other, '--out', out], memoryIo('', { MicrosoftAppId: APP_ID })),
    ).toBe(0);
    const manifest = JSON.parse(new TextDecoder().decode(unzipSync(readFileSync(out))['manifest.json']));
    expect(manifest.bots[0].botId).toBe(other);

    const io = memoryIo('', {});
    expect(await main(['teams', 'package', '--app-id', 'guichet-bot', '--out', out], io)).toBe(1);
    expect(io.err()).toMatch(/MicrosoftAppId "guichet-bot": the Azure bot app id is a GUID/);
  });

  it('says what it needs without an app id, and explains itself with --help', async () => {
    const io = memoryIo('', {});
    expect(await main(['teams', 'package', '--out', join(dir, 'app.zip')], io)).toBe(1);
    expect(io.err()).toMatch(/pass --app-id or set MicrosoftAppId/);

    const help = memoryIo();
    expect(await main(['teams', '--help'], help)).toBe(0);
    expect(help.out()).toMatch(/^Usage: guichet teams package \[--app-id ID\] \[--out FILE\]/);
    const listed = memoryIo();
    await main(['--help'], listed);
    expect(listed.out()).toMatch(/teams\s+teams package: write the Teams app zip/);

    const wrong = memoryIo();
    expect(await main(['teams', 'publish'], wrong)).toBe(2);
    expect(wrong.err()).toContain('expected "package"');
  });
});
