import { describe, expect, it } from 'vitest';
import { plainText } from '../../../src/channels/teams/text.js';

describe("plainText: the person's words from a Teams activity's text", () => {
  it.each([
    ['mon écran &amp; mon clavier', 'mon écran & mon clavier'],
    ['<p>le VPN ne se connecte plus</p>', 'le VPN ne se connecte plus'],
    ['<p>ligne 1</p><p>ligne 2</p>', 'ligne 1\nligne 2'],
    ['demandez à <at>Julie Martin</at>', 'demandez à @Julie Martin'],
    ['<b>urgent</b>&nbsp;: plus de réseau', 'urgent : plus de réseau'],
    ['il affiche &quot;erreur 0x80&quot; et &#39;accès refusé&#39;', 'il affiche "erreur 0x80" et \'accès refusé\''],
    ['la formule a &lt; b ne marche plus', 'la formule a < b ne marche plus'],
    ["l'imprimante n'imprime plus", "l'imprimante n'imprime plus"],
  ])('%s', (teams, plain) => {
    expect(plainText(teams)).toBe(plain);
  });
});
