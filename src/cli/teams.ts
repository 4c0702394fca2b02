import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { teamsAppPackage } from '../channels/teams/manifest.js';
import { ErrorCode, GuichetError } from '../errors.js';
import type { CliIo } from './io.js';

/** Where `guichet teams package` writes the app when --out is not given. */
export const DEFAULT_PACKAGE = 'guichet-teams.zip';

const USAGE = `Usage: guichet teams package [--app-id ID] [--out FILE]

package  writes the Teams app to upload in Teams (Apps > Manage your apps > Upload an app, or the
         Teams admin center): teams/manifest.json with the bot's app id, and its two icons, zipped.
--app-id the Azure bot's app id (a GUID); MicrosoftAppId otherwise.
--out    the zip to write; ${DEFAULT_PACKAGE} by default.

Example:
  MicrosoftAppId=3f9a1c7e-5b2d-4a8f-9e6c-1d0b7a4c2e8f npx guichet teams package --out dist/guichet-teams.zip
`;

/** `guichet teams package`: the Teams app package of this bot. */
export async function teams(args: string[], io: CliIo): Promise<number> {
  // Packaging needs the app id only: the rest of the configuration (the bot's secret, the store)
  // need not be on the machine that builds the zip, so it is not read here.
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args,
      options: { 'app-id': { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new GuichetError(ErrorCode.InvalidInput, error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  if (positionals[0] !== 'package' || positionals.length > 1) {
    io.stderr.write(`guichet teams: expected "package"\n\n${USAGE}`);
    return 2;
  }
  const appId = (typeof values['app-id'] === 'string' ? values['app-id'] : io.env.MicrosoftAppId)?.trim();
  if (!appId) {
    throw new GuichetError(
      ErrorCode.InvalidInput,
      'the app id of the Azure bot is needed: pass --app-id or set MicrosoftAppId (see README, "Connect Teams")',
    );
  }
  const out = resolve(typeof values.out === 'string' ? values.out : DEFAULT_PACKAGE);
  const zip = teamsAppPackage(appId);
  writeFileSync(out, zip);
  io.stdout.write(`Teams app for the bot ${appId} written to ${out} (${zip.byteLength} bytes): upload it in Teams.\n`);
  return 0;
}
