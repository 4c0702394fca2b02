import { pino } from 'pino';
import { fixedClock } from './src/domain.js';
import { createGuichet } from './src/main.js';
import { DEFAULT_ACCOUNTS_PATH, DEFAULT_POLICY_PATH } from './src/policy/load.js';
const app = await createGuichet({ database: ':memory:', clock: fixedClock('2026-11-23T10:00:00+01:00'), policyPath: DEFAULT_POLICY_PATH, accountsPath: DEFAULT_ACCOUNTS_PATH, logger: pino({ level: 'silent' }) });
const USERS = ['l.bernard@martin-avocats.fr', 'marie.lefevre@transports-durand.fr', 's.martin@martin-avocats.fr'];
const SAYS = ["mon imprimante n'imprime plus", 'oui', 'oui'];
const N = Number(process.argv[2] ?? 600);
const cls = app.classifier as any;
let calls = 0;
if (cls?.classify) { const o = cls.classify.bind(cls); cls.classify = (...a: any[]) => { calls++; return o(...a); }; }
async function run(n: number, base: number) {
  for (let c = base; c < base + n; c++) for (const [i, text] of SAYS.entries())
    await app.engine.handleTurn({ channel: 'teams', conversationId: `a:${c}`, userId: USERS[c % 3], text, messageId: `m${c}-${i}`, conversationRef: JSON.stringify({ serviceUrl: 'http://127.0.0.1:1234/', conversation: { id: `a:${c}` }, channelId: 'msteams', user: { id: '29:x' }, bot: { id: '28:y' } }) });
}
await run(300, 0);
calls = 0;
const c0 = process.cpuUsage();
await run(N, 1000);
const c1 = process.cpuUsage(c0);
console.log('engine CPU ms/turn', ((c1.user + c1.system) / 1000 / (N * 3)).toFixed(3), 'classify calls/turn', (calls / (N * 3)).toFixed(2));
const st = await app.store.loadConversation('teams', `a:${1000 + N - 1}`, new Date('2026-11-23T10:00:00+01:00'));
console.log('state bytes', JSON.stringify(st).length);
await app.close();
