import type { Language } from '../domain.js';

/** How many spoken forms are remembered: every reply has one, and most replies are the same questions. */
const REMEMBERED = 512;
const remembered = new Map<string, string>();

/**
 * The spoken form of a sentence, for the phone: no symbols a voice would read out or skip, times
 * and ticket numbers in a form that is said well ("9 h 30" → "9 heures 30", "T20261122.0004" →
 * "T 2 0 2 6 1 1 2 2 point 0 0 0 4"), e-mail addresses spelt the way people say them. The last
 * REMEMBERED sentences said are kept with their spoken form, as each reply of every channel has one.
 */
export function toSpeech(text: string, language: Language): string {
  const key = `${language}:${text}`;
  const known = remembered.get(key);
  if (known !== undefined) return known;
  const spoken = spokenForm(text, language);
  if (remembered.size >= REMEMBERED) remembered.delete(remembered.keys().next().value ?? '');
  remembered.set(key, spoken);
  return spoken;
}

function spokenForm(text: string, language: Language): string {
  const fr = language === 'fr';
  let s = text;
  // Ticket numbers: said character by character, so the caller can write them down.
  s = s.replace(/\bT(\d{8})\.(\d{4})\b/g, (_m, day: string, seq: string) => {
    const spell = (d: string) => d.split('').join(' ');
    return `T ${spell(day)} ${fr ? 'point' : 'dot'} ${spell(seq)}`;
  });
  // E-mail addresses: "helpdesk arobase itcomservices point fr".
  s = s.replace(/([\w.+-]+)@([\w-]+(?:\.[\w-]+)+)/g, (_m, user: string, domain: string) => {
    const dot = fr ? ' point ' : ' dot ';
    return `${user.replace(/\./g, dot)} ${fr ? 'arobase' : 'at'} ${domain.replace(/\./g, dot)}`;
  });
  if (fr) {
    s = s.replace(
      /\b(\d{1,2}) h (\d{2})\b/g,
      (_m, h: string, m: string) => `${h} ${h === '1' ? 'heure' : 'heures'} ${m}`,
    );
    s = s.replace(/\b(\d{1,2}) h\b/g, (_m, h: string) => `${h} ${h === '1' ? 'heure' : 'heures'}`);
    s = s.replace(/\b(\d+(?:[.,]\d+)?) ?%/g, '$1 pour cent');
    s = s.replace(/\bn°\s?/gi, 'numéro ');
    s = s.replace(/\b1er\b/g, 'premier');
  } else {
    s = s.replace(/\b(\d{1,2}):00 (am|pm)\b/g, (_m, h: string, p: string) => `${h} ${p.toUpperCase()}`);
    s = s.replace(
      /\b(\d{1,2}):(\d{2}) (am|pm)\b/g,
      (_m, h: string, m: string, p: string) => `${h} ${m} ${p.toUpperCase()}`,
    );
    s = s.replace(/\b(\d+(?:\.\d+)?) ?%/g, '$1 percent');
    s = s.replace(/\bno\.\s?/gi, 'number ');
  }
  s = s
    .replace(/&/g, fr ? ' et ' : ' and ')
    // Queue ids and codes: "OPS-01-INFORMATIQUE" → "OPS 01 INFORMATIQUE".
    .replace(/(?<=\w)-(?=\d)|(?<=\d)-(?=\w)/g, ' ')
    .replace(/[«»"“”*_#•→·]/g, ' ')
    .replace(/[()[\]]/g, ', ')
    .replace(/\s*[—–]\s*/g, ', ')
    .replace(/…/g, '.')
    .replace(/\s*:\s*(?=\n)/g, '')
    .replace(/\s*\n+\s*/g, '. ')
    .replace(/\s*:\s+/g, ', ')
    .replace(/\s*;\s*/g, ', ')
    .replace(/\s+([,.?!])/g, '$1')
    // "(sous contrat)\n" leaves ", ." behind: the sentence still ends there.
    .replace(/,+(?=[.?!])/g, '')
    .replace(/([,.?!])[,.]+/g, '$1')
    .replace(/\?\./g, '?')
    .replace(/!\./g, '!')
    .replace(/\s{2,}/g, ' ')
    .replace(/^[,.\s]+/, '')
    .trim();
  return s;
}
