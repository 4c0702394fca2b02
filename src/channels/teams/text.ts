/**
 * What a person wrote, from an activity's text: Teams writes a mention of someone as
 * `<at>Julie</at>`, may send the formatting of a message as HTML (`<p>`, `<br>`, `<b>`) and escapes
 * `&`, `<`, `>`, quotes and non-breaking spaces as entities. The engine reads words, not markup.
 */
export function plainText(teams: string): string {
  return teams
    .replace(/<at>([^<]*)<\/at>/gi, (_whole, name: string) => `@${name}`)
    .replace(/<br\s*\/?>|<\/(?:p|div|li)>/gi, '\n')
    .replace(/<\/?[a-z][a-z0-9]*(?:\s[^<>]*)?\/?>/gi, '')
    .replace(/&nbsp;|&#160;/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+\n/g, '\n')
    .trim();
}
