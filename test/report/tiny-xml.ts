// A tiny, strict XML reader for the junit tests (no new dependency): elements, attributes, text and CDATA.
// It throws on anything not well-formed that matters here: unbalanced or crossed tags, a bare `<` or `&`
// in text, a raw `<` in an attribute, a second root.
export interface XmlNode {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(raw: string, where: string): string {
  if (/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i.test(raw)) throw new Error(`bare & in ${where}`);
  return raw.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (_m, e: string) =>
    e.startsWith('#x') || e.startsWith('#X') ? String.fromCodePoint(parseInt(e.slice(2), 16))
      : e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : ENTITIES[e] ?? '');
}

export function parseXml(xml: string): XmlNode {
  const token = /<!\[CDATA\[([\s\S]*?)\]\]>|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<(\/?)([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*"[^"<]*")*)\s*(\/?)>|([^<]+)|(<)/g;
  const root: XmlNode = { name: '#document', attributes: {}, children: [], text: '' };
  const stack: XmlNode[] = [root];
  for (const m of xml.matchAll(token)) {
    const [, cdata, closing, name, attrs, selfClosing, text, bare] = m;
    const top = stack[stack.length - 1]!;
    if (bare) throw new Error(`bare < at offset ${m.index}`);
    if (cdata !== undefined) top.text += cdata;
    else if (text !== undefined) {
      if (stack.length === 1 && text.trim() !== '') throw new Error('text outside the root element');
      top.text += decode(text, `<${top.name}>`);
    } else if (name !== undefined) {
      if (closing) {
        if (top.name !== name) throw new Error(`</${name}> closes <${top.name}>`);
        stack.pop();
        continue;
      }
      const attributes: Record<string, string> = {};
      for (const a of (attrs ?? '').matchAll(/([\w:.-]+)\s*=\s*"([^"]*)"/g)) {
        attributes[a[1]!] = decode(a[2]!, `${name}@${a[1]}`);
      }
      const node: XmlNode = { name, attributes, children: [], text: '' };
      if (stack.length === 1 && root.children.length > 0) throw new Error('a second root element');
      top.children.push(node);
      if (!selfClosing) stack.push(node);
    }
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack[stack.length - 1]!.name}>`);
  const [doc] = root.children;
  if (!doc) throw new Error('no root element');
  return doc;
}

export function childrenNamed(node: XmlNode, name: string): XmlNode[] {
  return node.children.filter((c) => c.name === name);
}
