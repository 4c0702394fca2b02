/**
 * What a person wrote, from the text Slack sends: Slack writes links, mentions and channels in
 * angle brackets (`<https://…|label>`, `<@U123|marie>`, `<#C123|support>`, `<!here>`) and escapes
 * `&`, `<` and `>` (`&amp;`, `&lt;`, `&gt;`). The engine reads words, not Slack's markup.
 */
export function plainText(slack: string): string {
  return slack
    .replace(/<([^<>]*)>/g, (_whole, inner: string) => {
      const [target = '', label] = inner.split('|', 2);
      if (target.startsWith('@')) return label ? `@${label}` : target;
      if (target.startsWith('#')) return label ? `#${label}` : target;
      // <!here>, <!channel>, <!subteam^S123|@support>
      if (target.startsWith('!')) return label ?? `@${target.slice(1)}`;
      // A link: its label when the person gave one, otherwise the address as typed (without mailto:).
      return label ?? target.replace(/^mailto:/, '');
    })
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
