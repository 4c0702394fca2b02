import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The README is the entry point and links to docs/ for the rest: a moved or renamed page, or a
// renamed section, must not leave a link pointing nowhere.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const pages = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];

/** The text outside fenced code blocks, where a link is a link. */
function prose(markdown: string): string[] {
  let fenced = false;
  return markdown.split('\n').filter((line) => {
    if (line.startsWith('```')) {
      fenced = !fenced;
      return false;
    }
    return !fenced;
  });
}

/** The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens. */
function slug(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const found = new Set<string>();
  for (const line of prose(markdown)) {
    const heading = /^#{1,6} (.*)$/.exec(line);
    if (!heading?.[1]) continue;
    const base = slug(heading[1]);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    found.add(count === 0 ? base : `${base}-${count}`);
  }
  return found;
}

/** The relative links of a page: [text](target), outside code spans and code blocks. */
function relativeLinks(markdown: string): string[] {
  const links: string[] = [];
  for (const line of prose(markdown)) {
    const text = line.replace(/`[^`]*`/g, (code) => (code.includes('](') ? '' : code));
    for (const match of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = match[1] ?? '';
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
      links.push(target);
    }
  }
  return links;
}

describe('the README and docs/ links', () => {
  it('reads GitHub anchors the way GitHub writes them', () => {
    expect(slug('The phone line (Twilio)')).toBe('the-phone-line-twilio');
    expect(slug('Node.js versions')).toBe('nodejs-versions');
    expect(slug('`guichet report`')).toBe('guichet-report');
    expect(slug('2a. HTTP mode (Guichet has a public HTTPS URL)')).toBe('2a-http-mode-guichet-has-a-public-https-url');
  });

  it('links the README to every page of docs/', () => {
    const readme = relativeLinks(readFileSync(join(root, 'README.md'), 'utf8'));
    const linked = new Set(readme.map((target) => target.split('#')[0]));
    for (const page of pages.filter((page) => page !== 'README.md')) {
      expect(linked, `README.md links to ${page}`).toContain(page);
    }
  });

  for (const page of pages) {
    it(`${page}: every relative link reaches a file, and its anchor a heading`, () => {
      const links = relativeLinks(readFileSync(join(root, page), 'utf8'));
      const broken: string[] = [];
      for (const target of links) {
        const [path = '', anchor] = target.split('#');
        const file = path === '' ? join(root, page) : resolve(root, dirname(page), path);
        if (!existsSync(file)) {
          broken.push(`${target}: no such file ${relative(root, file)}`);
          continue;
        }
        if (anchor === undefined || !file.endsWith('.md') || statSync(file).isDirectory()) continue;
        if (!anchors(readFileSync(file, 'utf8')).has(anchor)) {
          broken.push(`${target}: no heading #${anchor} in ${relative(root, file)}`);
        }
      }
      expect(broken).toEqual([]);
    });
  }

  it('names every variable of .env.example in the README', () => {
    const example = readFileSync(join(root, '.env.example'), 'utf8');
    const variables = [...example.matchAll(/^#? ?([A-Za-z][A-Za-z0-9_]*)=/gm)].map((m) => m[1]);
    expect(variables).toContain('GUICHET_WATCH_INTERVAL');
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const missing = variables.filter((name) => !readme.includes(`\`${name}\``));
    expect(missing).toEqual([]);
  });
});
