import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';
import { z } from 'zod';
import { ErrorCode, GuichetError } from '../../errors.js';

/** The Teams app of this repository: teams/manifest.json and its two icons. */
export const TEAMS_APP_FOLDER = fileURLToPath(new URL('../../../teams/', import.meta.url));

/** The files of the app package, as Teams expects them at the root of the zip. */
export const TEAMS_APP_FILES = ['manifest.json', 'color.png', 'outline.png'] as const;

/** Where the manifest template takes the bot's app id. */
const APP_ID_PLACEHOLDER = /\{\{MicrosoftAppId\}\}/g;

const appIdSchema = z.uuid({ error: 'the Azure bot app id is a GUID such as 3f9a1c7e-5b2d-4a8f-9e6c-1d0b7a4c2e8f' });

/**
 * The manifest of the Teams app for the Azure bot `appId`: the template with the app id as the
 * app's id and as the bot's id (one registration for both, as Teams allows).
 */
export function teamsManifest(appId: string, folder: string = TEAMS_APP_FOLDER): Record<string, unknown> {
  const id = appIdSchema.safeParse(appId.trim());
  if (!id.success) {
    throw new GuichetError(ErrorCode.InvalidInput, `MicrosoftAppId "${appId}": ${id.error.issues[0]?.message}`);
  }
  const template = readFileSync(join(folder, 'manifest.json'), 'utf8');
  return JSON.parse(template.replace(APP_ID_PLACEHOLDER, id.data.toLowerCase())) as Record<string, unknown>;
}

/** The app package to upload in Teams: a zip of the manifest and its two icons. */
export function teamsAppPackage(appId: string, folder: string = TEAMS_APP_FOLDER): Uint8Array {
  const manifest = teamsManifest(appId, folder);
  return zipSync({
    'manifest.json': new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`),
    'color.png': readFileSync(join(folder, 'color.png')),
    'outline.png': readFileSync(join(folder, 'outline.png')),
  });
}
