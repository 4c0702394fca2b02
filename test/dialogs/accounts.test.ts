import { describe, expect, it } from 'vitest';
import { findIdentity, matchCompany, matchContact, mentionedAccount } from '../../src/dialogs/accounts.js';
import { loadAccounts } from '../../src/policy/load.js';

const accounts = loadAccounts();

describe('matchCompany', () => {
  const cases: [string, 'exact' | 'fuzzy' | 'none', string | null][] = [
    ['Transports Durand', 'exact', 'Transports Durand'],
    ['transports durand sas', 'exact', 'Transports Durand'],
    ['TDU', 'exact', 'Transports Durand'],
    ['Tranports Durant', 'fuzzy', 'Transports Durand'],
    ['durant', 'fuzzy', 'Transports Durand'],
    ['Cabinet Martn', 'fuzzy', 'Cabinet Martin Avocats'],
    ['boulangerie marcel', 'exact', 'Boulangerie Marcel'],
    ['Garage Dupuis', 'none', null],
    ['', 'none', null],
  ];
  it.each(cases)('"%s" → %s %s', (answer, kind, name) => {
    const match = matchCompany(accounts, answer);
    expect(match.kind).toBe(kind);
    if (match.kind !== 'none') expect(match.account.name).toBe(name);
  });
});

describe('findIdentity', () => {
  const cases: [string, string | null][] = [
    ['marie.lefevre@transports-durand.fr', 'Marie Lefèvre'],
    ['MARIE.LEFEVRE@transports-durand.fr', 'Marie Lefèvre'],
    ['+33491000002', 'Jean-Paul Durand'],
    ['04 91 00 00 02', 'Jean-Paul Durand'],
    ['U0DURAND01', 'Marie Lefèvre'],
    ['inconnu@example.com', null],
  ];
  it.each(cases)('%s → %s', (userId, name) => {
    expect(findIdentity(accounts, userId)?.contact.name ?? null).toBe(name);
  });
});

describe('mentionedAccount and matchContact', () => {
  it('finds a company named in a sentence', () => {
    expect(mentionedAccount(accounts, "Bonjour, ici Transports Durand, l'imprimante est en panne")?.name).toBe(
      'Transports Durand',
    );
    expect(mentionedAccount(accounts, "l'imprimante du 2e étage n'imprime plus")).toBeNull();
  });
  it('finds a contact by full or last name, with a typo', () => {
    const durand = accounts.accounts[0];
    if (!durand) throw new Error('fixture');
    expect(matchContact(durand, 'Marie Lefevre')?.name).toBe('Marie Lefèvre');
    expect(matchContact(durand, 'lefebvre')?.name).toBe('Marie Lefèvre');
    expect(matchContact(durand, 'Paul Personne')).toBeNull();
  });
});
