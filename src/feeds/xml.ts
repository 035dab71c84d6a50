/**
 * A tiny XML builder: elements are plain data, text and attribute values are always escaped,
 * and characters XML 1.0 cannot carry at all are dropped, so no user input can break a document.
 */
export type XmlNode = XmlElement | Raw | string | null | undefined | false | XmlNode[];
/** Markup that is already well-formed XML (converted user HTML), written as it is. */
export type Raw = { raw: string };
export const raw = (markup: string): Raw => ({ raw: markup });
export type XmlElement = { name: string; attrs: Attrs; children: XmlNode[] };
type Attrs = Record<string, string | number | undefined | null | false>;

// Everything outside XML 1.0's Char production: C0 controls but tab/LF/CR, lone surrogates, U+FFFE/FFFF.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export const xmlSafe = (s: string) => s.replace(NOT_XML, '');

export function escapeText(s: string): string {
  return xmlSafe(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

/** An element; attributes that are undefined, null or false are left out. */
export function el(name: string, attrs: Attrs = {}, ...children: XmlNode[]): XmlElement {
  return { name, attrs, children };
}

/** Serialises nodes; elements without children are self-closed. */
export function render(node: XmlNode): string {
  const out: string[] = [];
  write(node, out);
  return out.join('');
}

function write(node: XmlNode, out: string[]) {
  if (node === null || node === undefined || node === false) return;
  if (typeof node === 'string') {
    out.push(escapeText(node));
    return;
  }
  if ('raw' in node) {
    out.push(node.raw);
    return;
  }
  if (Array.isArray(node)) {
    for (const child of node) write(child, out);
    return;
  }
  out.push('<', node.name);
  for (const [k, v] of Object.entries(node.attrs)) {
    if (v === undefined || v === null || v === false) continue;
    out.push(' ', k, '="', escapeAttr(String(v)), '"');
  }
  const inner = render(node.children);
  out.push(inner === '' ? '/>' : `>${inner}</${node.name}>`);
}

/** A whole document: the XML declaration and one root element. */
export const xmlDocument = (root: XmlElement) => `<?xml version="1.0" encoding="UTF-8"?>\n${render(root)}\n`;
