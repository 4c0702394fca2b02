/** An element of a parsed XML document. */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's own text (entities decoded), concatenated. */
  text: string;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(raw: string, at: number): string {
  return raw.replace(/&([^;]*);|&/g, (match, name: string | undefined) => {
    if (name === undefined) throw new Error(`bare "&" in XML near offset ${at}`);
    if (name.startsWith('#x')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
    const value = ENTITIES[name];
    if (value === undefined) throw new Error(`unknown entity ${match} near offset ${at}`);
    return value;
  });
}

/**
 * A strict parser for the XML subset TwiML uses (declaration, elements, attributes, text, the five
 * entities and character references): anything not well formed throws, which is what a test needs.
 */
export function parseXml(xml: string): XmlElement {
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`malformed XML at offset ${i}: ${why}\n${xml}`);
  };
  const skipSpace = () => {
    while (i < xml.length && /\s/.test(xml.charAt(i))) i++;
  };
  if (xml.startsWith('<?xml')) {
    const end = xml.indexOf('?>');
    if (end < 0) fail('unterminated declaration');
    i = end + 2;
  }
  skipSpace();
  const nameAt = (): string => {
    const match = /^[A-Za-z_][\w.-]*/.exec(xml.slice(i));
    if (!match) return fail('expected a name');
    i += match[0].length;
    return match[0];
  };
  const element = (): XmlElement => {
    if (xml.charAt(i) !== '<') fail('expected "<"');
    i++;
    const node: XmlElement = { name: nameAt(), attributes: {}, children: [], text: '' };
    for (;;) {
      skipSpace();
      if (xml.startsWith('/>', i)) {
        i += 2;
        return node;
      }
      if (xml.charAt(i) === '>') {
        i++;
        break;
      }
      const attribute = nameAt();
      if (attribute in node.attributes) fail(`duplicate attribute ${attribute}`);
      skipSpace();
      if (xml.charAt(i) !== '=') fail('expected "="');
      i++;
      skipSpace();
      const quote = xml.charAt(i);
      if (quote !== '"' && quote !== "'") fail('expected a quoted value');
      const end = xml.indexOf(quote, i + 1);
      if (end < 0) fail('unterminated attribute value');
      const raw = xml.slice(i + 1, end);
      if (raw.includes('<')) fail('"<" in an attribute value');
      node.attributes[attribute] = decode(raw, i);
      i = end + 1;
    }
    for (;;) {
      const next = xml.indexOf('<', i);
      if (next < 0) fail(`unclosed <${node.name}>`);
      const text = xml.slice(i, next);
      if (text.includes('>')) fail('">" in text');
      node.text += decode(text, i);
      i = next;
      if (xml.startsWith('</', i)) {
        i += 2;
        const closing = nameAt();
        if (closing !== node.name) fail(`</${closing}> closes <${node.name}>`);
        skipSpace();
        if (xml.charAt(i) !== '>') fail('expected ">"');
        i++;
        return node;
      }
      node.children.push(element());
    }
  };
  const root = element();
  skipSpace();
  if (i !== xml.length) fail('content after the root element');
  return root;
}
