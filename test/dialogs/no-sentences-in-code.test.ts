import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * What Guichet says is worded in dialogs/*.yaml, never in src/: a string literal of src/ with a
 * French accent, guillemets or a typographic apostrophe is a sentence written in code. The files
 * below are the known exceptions, each for its reason; anything else fails here.
 */
const ALLOWED: Record<string, string> = {
  'src/cli/report.ts': 'the usage text names the SLA sheet of seed 004 by its title',
  'src/cli/tickets.ts': 'the usage text quotes the buttons technicians press',
  'src/dialogs/dates.ts': 'French month names and the "à" of a date, the date formatting of both languages',
  'src/dialogs/speech.ts': 'how the voice reads "n°" and "%" aloud on the phone line',
  'src/intents/decide.ts': "the classifier's reasons, worded with its rules",
  'src/intents/reason.ts': "the classifier's reasons, worded with its rules",
  'src/policy/schema.ts': "the policy's defaults (phone greeting, transfer labels, trigger vocabulary)",
  'src/sla/holidays.ts': "the French public holidays' names, shown in a deadline's trace",
  'src/tickets/sla-report-text.ts': 'the SLA compliance sheet of seed 004, column for column',
  'src/tickets/sla-report.ts': 'the "Résultat Global" row of the SLA sheet',
  'src/watch/steps.ts': "the seed's rules the event log cites (matrice d'escalade)",
};

const FRENCH = /[àâçéèêëîïôûùüÿœÀÂÇÉÈÊËÎÏÔÛÙÜŒ«»’]/;
const root = resolve(import.meta.dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The string literals and template texts of a file that look French, with their line. */
function frenchLiterals(path: string, text = readFileSync(path, 'utf8')): string[] {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    const texts: string[] = [];
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) texts.push(node.text);
    else if (ts.isTemplateExpression(node)) {
      texts.push(node.head.text, ...node.templateSpans.map((span) => span.literal.text));
    }
    for (const text of texts.filter((t) => FRENCH.test(t))) {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
      found.push(`${relative(root, path)}:${line + 1}: ${JSON.stringify(text)}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('the sentences Guichet says stay in dialogs/', () => {
  const byFile = new Map(sourceFiles(resolve(root, 'src')).map((path) => [relative(root, path), frenchLiterals(path)]));

  it('no French sentence is written in src/ outside the allowed files', () => {
    const written = [...byFile].filter(([file]) => !(file in ALLOWED)).flatMap(([, literals]) => literals);
    expect(written, 'move these sentences to dialogs/fr.yaml and dialogs/en.yaml (src/dialogs/catalogue.ts)').toEqual(
      [],
    );
  });

  it('every allowed file still needs its exception, so the list only shrinks', () => {
    const unneeded = Object.keys(ALLOWED).filter((file) => (byFile.get(file) ?? []).length === 0);
    expect(unneeded).toEqual([]);
  });

  it('finds a sentence written in code, by its accent or its guillemets, and not in a comment', () => {
    const code = [
      "// L'accent d'un commentaire ne compte pas.",
      "const a = 'Votre ticket est créé';",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the sample is source code holding a template literal.
      'const b = `Le ticket « ${n} »`;',
      "const c = 'Your ticket is open';",
    ].join('\n');
    expect(frenchLiterals(resolve(root, 'src/sample.ts'), code)).toEqual([
      'src/sample.ts:2: "Votre ticket est créé"',
      'src/sample.ts:3: "Le ticket « "',
      'src/sample.ts:3: " »"',
    ]);
  });
});
