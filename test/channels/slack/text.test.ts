import { describe, expect, it } from 'vitest';
import { plainText } from '../../../src/channels/slack/text.js';

describe("plainText: the person's words from Slack's text", () => {
  it.each([
    ['mon écran &amp; mon clavier', 'mon écran & mon clavier'],
    ['&lt;rien&gt; ne s&apos;affiche', '<rien> ne s&apos;affiche'],
    ['voir <https://intranet.example.fr/a?b=1&amp;c=2|la page>', 'voir la page'],
    ['voir <https://intranet.example.fr/a>', 'voir https://intranet.example.fr/a'],
    ['écrivez à <mailto:marie@example.fr|marie@example.fr>', 'écrivez à marie@example.fr'],
    ['demandez à <@U0OTHER01|julie> ou <@U0OTHER02>', 'demandez à @julie ou @U0OTHER02'],
    ['dans <#C0SUPPORT|support>', 'dans #support'],
    ['<!here> plus de réseau', '@here plus de réseau'],
    ["rien à changer : l'imprimante n'imprime plus", "rien à changer : l'imprimante n'imprime plus"],
  ])('%s', (slack, plain) => {
    expect(plainText(slack)).toBe(plain);
  });
});
