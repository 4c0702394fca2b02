import { parseXml, type XmlElement } from './xml.js';

/**
 * The TwiML verbs and attributes the phone line may send, and where. Anything else in a response
 * is a bug: Twilio would ignore it or fail the call.
 */
const ALLOWED: Record<string, { attributes: string[]; children: string[] }> = {
  Response: { attributes: [], children: ['Say', 'Gather', 'Redirect', 'Dial', 'Hangup', 'Pause'] },
  Say: { attributes: ['voice', 'language'], children: [] },
  Gather: {
    attributes: [
      'action',
      'method',
      'input',
      'numDigits',
      'timeout',
      'language',
      'hints',
      'speechTimeout',
      'speechModel',
      'actionOnEmptyResult',
    ],
    children: ['Say', 'Pause'],
  },
  Redirect: { attributes: ['method'], children: [] },
  Dial: { attributes: ['timeout', 'callerId', 'action', 'method'], children: [] },
  Hangup: { attributes: [], children: [] },
  Pause: { attributes: ['length'], children: [] },
};

function check(node: XmlElement, path: string): void {
  const rule = ALLOWED[node.name];
  if (rule === undefined) throw new Error(`${path}: <${node.name}> is not an allowed TwiML verb`);
  for (const attribute of Object.keys(node.attributes)) {
    if (!rule.attributes.includes(attribute)) throw new Error(`${path}: attribute ${attribute} is not allowed`);
  }
  for (const child of node.children) {
    if (!rule.children.includes(child.name)) throw new Error(`${path}: <${child.name}> cannot be nested here`);
    check(child, `${path}/${child.name}`);
  }
  if (node.name === 'Gather') {
    if (!node.attributes.action) throw new Error(`${path}: every <Gather> needs an action`);
    if (node.attributes.method !== 'POST') throw new Error(`${path}: <Gather> must POST`);
  }
  if (node.name === 'Say' && node.text.trim() === '') throw new Error(`${path}: empty <Say>`);
  if (node.name === 'Dial' && !/^\+[1-9]\d{6,14}$/.test(node.text)) {
    throw new Error(`${path}: <Dial> must hold an E.164 number, got "${node.text}"`);
  }
  if (node.name === 'Redirect' && node.text.trim() === '') throw new Error(`${path}: empty <Redirect>`);
}

/** A TwiML response, parsed and checked, with accessors for what tests look at. */
export interface Twiml {
  xml: string;
  root: XmlElement;
  /** Every sentence said, in order (inside and outside <Gather>). */
  said: string[];
  gather: XmlElement | undefined;
  redirect: string | undefined;
  dial: string | undefined;
  hangsUp: boolean;
}

/** Parses a response and checks it is well-formed TwiML of the allow-list; throws otherwise. */
export function readTwiml(xml: string): Twiml {
  const root = parseXml(xml);
  if (root.name !== 'Response') throw new Error(`the root is <${root.name}>, expected <Response>`);
  check(root, 'Response');
  const said: string[] = [];
  for (const node of root.children) {
    if (node.name === 'Say') said.push(node.text);
    if (node.name === 'Gather') for (const child of node.children) if (child.name === 'Say') said.push(child.text);
  }
  const gathers = root.children.filter((n) => n.name === 'Gather');
  if (gathers.length > 1) throw new Error('more than one <Gather> in a response');
  return {
    xml,
    root,
    said,
    gather: gathers[0],
    redirect: root.children.find((n) => n.name === 'Redirect')?.text,
    dial: root.children.find((n) => n.name === 'Dial')?.text,
    hangsUp: root.children.some((n) => n.name === 'Hangup'),
  };
}
