import { describe, expect, it } from 'vitest';
import { classify } from '../../src/cli/classify.js';
import { memoryIo } from '../helpers/memory-io.js';

/** Runs `guichet classify` on the given stdin lines and returns the exit status and the output lines. */
async function run(lines: string[], args: string[] = []) {
  const io = memoryIo(`${lines.join('\n')}\n`);
  const status = await classify(args, io);
  const output = io
    .out()
    .trim()
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { status, output, err: io.err() };
}

describe('guichet classify', () => {
  it('answers incident priority 1 with the rule it matched for a site that cannot work', async () => {
    const { status, output } = await run([
      JSON.stringify({ text: 'plus personne ne peut travailler sur le site de Marseille, le switch est mort' }),
    ]);
    expect(status).toBe(0);
    expect(output[0]).toMatchObject({
      type: 'incident',
      priority: 1,
      priorityLabel: 'critique',
      domain: 'informatique',
      queue: 'OPS-01-INFORMATIQUE',
      questions: [],
    });
    const rules = output[0]?.rules as { id: string; rule: string; matched: string[] }[];
    expect(rules[0]?.id).toMatch(/^incident\.p1\./);
    const device = rules.find((r) => r.id === 'incident.p1.network_device_down');
    expect(device?.rule).toBe('Switch ou firewall ne fonctionne plus ou n’est plus accessible');
    expect(device?.matched).toEqual(expect.arrayContaining(['switch', 'est mort']));
    expect(output[0]?.reason).toMatch(/^Incident de priorité 1 \(critique\) : /);
    expect(output[0]?.reasons).toEqual({
      fr: output[0]?.reason,
      en: expect.stringMatching(/^Incident, priority 1 \(critical\): /),
    });
  });

  it('keeps the id, reads "management" and routes telecom to its queue', async () => {
    const { output } = await run([
      JSON.stringify({ id: 'a', text: 'Mon PC ne démarre plus', management: true }),
      JSON.stringify({ id: 7, text: 'Pouvez-vous modifier le message d’accueil du standard ?' }),
    ]);
    expect(output[0]).toMatchObject({ id: 'a', type: 'incident', priority: 2, subcategory: 'Poste de la direction' });
    expect(output[1]).toMatchObject({
      id: 7,
      type: 'request',
      priority: 2,
      domain: 'telecom',
      queue: 'OPS-02-TELECOM',
    });
  });

  it("applies the intake's answers and never asks again a question already asked", async () => {
    const vague = 'il y a un truc bizarre depuis ce matin';
    const { status, output } = await run([
      JSON.stringify({ id: 'before', text: vague }),
      JSON.stringify({ id: 'after', text: vague, asked: ['type', 'scope', 'urgency'] }),
      JSON.stringify({ id: 'workaround', text: 'mon PC ne démarre plus', workaround: true }),
      JSON.stringify({ id: 'site', text: 'le logiciel de paie ne répond plus', scope: 'site', asked: ['scope'] }),
    ]);
    expect(status).toBe(0);
    const [before, after, workaround, site] = output;
    expect(before?.questions).toEqual(expect.arrayContaining(['type', 'scope']));
    // Asked once: the seed's default (incident; one user), said in the reason, and not asked again.
    expect(after?.type).toBe('incident');
    expect(after?.questions).not.toContain('type');
    expect(after?.questions).not.toContain('scope');
    expect(after?.questions).not.toContain('urgency');
    expect(after?.reason).toContain('Faute de réponse claire, le ticket est traité comme un incident');
    expect(after?.reason).toContain('un seul utilisateur est considéré comme concerné');
    expect(workaround).toMatchObject({ type: 'incident', priority: 4 });
    expect(workaround?.reason).toContain('solution temporaire');
    // The answer given settles it: no default is said.
    expect(site).toMatchObject({ type: 'incident', priority: 1 });
    expect(site?.reason).not.toContain('Faute de réponse claire');
  });

  it('refuses an answer it does not know, naming the field', async () => {
    const { status, err } = await run([JSON.stringify({ text: 'imprimante HS', asked: ['colour'] })]);
    expect(status).toBe(1);
    expect(err).toContain('asked.0');
  });

  it('answers a refused line with its number and goes on, exiting 1', async () => {
    const { status, output, err } = await run(['{"text": ""}', 'not json', '{"text":"imprimante HS"}']);
    expect(status).toBe(1);
    expect(output[0]).toEqual({ line: 1, error: 'text: expected a non-empty "text"' });
    expect(output[1]).toMatchObject({ line: 2 });
    expect(output[2]).toMatchObject({ type: 'incident', priority: 3 });
    expect(err).toContain('line 1');
  });

  it('names the intents folder it cannot read', async () => {
    await expect(run(['{"text":"x"}'], ['--intents', '/nonexistent/intents'])).rejects.toThrow(/nonexistent/);
  });
});
