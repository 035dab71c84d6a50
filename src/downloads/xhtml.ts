import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';
import { escapeAttr, escapeText } from '../feeds/xml.js';

/**
 * Sanitized user HTML (src/formats/sanitize.ts) as XHTML an EPUB 3 reading system accepts:
 * parsed with htmlparser2 and written out as XML. AO3's allowlist has a few elements and
 * attributes HTML5 dropped (center, big, tt, align, a name...); they become their modern
 * equivalents, and remote images (an EPUB may not load them) become links.
 */
export function toXhtml(html: string): string {
  const doc = parseDocument(html, { decodeEntities: true });
  const ids = new Set<string>();
  collectIds(doc.children, ids);
  const out: string[] = [];
  const written = new Set<string>();
  for (const node of doc.children) writeNode(node, [], ids, out, written);
  return out.join('');
}

const VOID = new Set(['br', 'hr', 'img', 'col']);
const RENAMED: Record<string, { name: string; cls?: string }> = {
  acronym: { name: 'abbr' }, strike: { name: 's' }, big: { name: 'span', cls: 'big' },
  tt: { name: 'span', cls: 'tt' }, center: { name: 'div', cls: 'center' },
};
// Elements that are only valid inside a particular parent; elsewhere they become a plain box.
const NEEDS_PARENT: Record<string, { parents: string[]; otherwise: string }> = {
  li: { parents: ['ul', 'ol'], otherwise: 'div' },
  dt: { parents: ['dl'], otherwise: 'div' }, dd: { parents: ['dl'], otherwise: 'div' },
  summary: { parents: ['details'], otherwise: 'div' }, figcaption: { parents: ['figure'], otherwise: 'div' },
  rt: { parents: ['ruby'], otherwise: 'span' }, rp: { parents: ['ruby'], otherwise: 'span' },
  caption: { parents: ['table'], otherwise: 'div' }, colgroup: { parents: ['table'], otherwise: 'div' },
  col: { parents: ['colgroup'], otherwise: 'span' },
  thead: { parents: ['table'], otherwise: 'div' }, tbody: { parents: ['table'], otherwise: 'div' }, tfoot: { parents: ['table'], otherwise: 'div' },
  tr: { parents: ['table', 'thead', 'tbody', 'tfoot'], otherwise: 'div' },
  td: { parents: ['tr'], otherwise: 'div' }, th: { parents: ['tr'], otherwise: 'div' },
};
// Inside these only phrasing content is allowed, so a paragraph-like box there becomes a span.
const PHRASING_ONLY = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'span', 'em', 'strong', 'b', 'i', 'u', 's', 'small',
  'sub', 'sup', 'code', 'kbd', 'samp', 'var', 'cite', 'dfn', 'abbr', 'q', 'big', 'tt', 'acronym', 'strike', 'del', 'ins', 'pre', 'summary', 'dt', 'caption', 'figcaption']);
const BOXES = new Set(['div', 'p', 'blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'address', 'center', 'pre', 'hr']);
const ALIGN = new Set(['left', 'right', 'center', 'justify']);
const LANG = /^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/;
const ID = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const INTEGER = /^\d{1,6}$/;

function collectIds(nodes: ChildNode[], ids: Set<string>) {
  for (const node of nodes) {
    if (node.type !== 'tag') continue;
    const name = node.attribs.name;
    if (node.name === 'a' && name && ID.test(name)) ids.add(name);
    collectIds(node.children, ids);
  }
}

function elementName(el: Element, ancestors: string[]): string {
  const parent = ancestors[ancestors.length - 1];
  const rule = NEEDS_PARENT[el.name];
  if (rule && !rule.parents.includes(parent ?? '')) return rule.otherwise;
  if (el.name === 'details' && firstElement(el)?.name !== 'summary') return 'div';
  if (BOXES.has(el.name) && el.name !== 'hr' && ancestors.some((a) => PHRASING_ONLY.has(a))) return 'span';
  return RENAMED[el.name]?.name ?? el.name;
}

const firstElement = (el: Element) => el.children.find((c): c is Element => c.type === 'tag');

function attributesOf(el: Element, name: string, ids: Set<string>, written: Set<string>): [string, string][] {
  const a = el.attribs;
  const out: [string, string][] = [];
  const classes = (a.class ?? '').split(/\s+/).filter(Boolean);
  const renamed = RENAMED[el.name]?.cls;
  if (renamed) classes.push(renamed);
  if (a.align && ALIGN.has(a.align.toLowerCase())) classes.push(`align-${a.align.toLowerCase()}`);
  if (a.title) out.push(['title', a.title]);
  // Quire's own layout marks its parts (#preface, #chapters) as AO3's downloads do; once per file.
  if (a.id && ID.test(a.id) && !written.has(a.id)) {
    written.add(a.id);
    out.push(['id', a.id]);
  }
  if (a.dir && ['ltr', 'rtl', 'auto'].includes(a.dir.toLowerCase())) out.push(['dir', a.dir.toLowerCase()]);
  if (a.lang && LANG.test(a.lang)) out.push(['lang', a.lang], ['xml:lang', a.lang]);
  if (name === 'a') {
    // An AO3 footnote anchor (a name) becomes an id, once per file; links to anchors that
    // are not in this file are kept as text, since the EPUB must not point nowhere.
    if (el.name === 'a' && a.name && ID.test(a.name) && !written.has(a.name)) {
      written.add(a.name);
      out.push(['id', a.name]);
    }
    const href = a.href;
    if (href?.startsWith('#')) {
      if (ids.has(href.slice(1))) out.push(['href', href]);
    } else if (href) {
      const url = absoluteUrl(href);
      if (url) out.push(['href', url]);
    }
    if (a.rel && out.some(([k]) => k === 'href')) out.push(['rel', a.rel]);
  }
  if ((name === 'blockquote' || name === 'q') && a.cite) {
    const url = absoluteUrl(a.cite);
    if (url) out.push(['cite', url]);
  }
  if (name === 'ol') {
    if (a.start && /^-?\d{1,6}$/.test(a.start)) out.push(['start', a.start]);
    if (a.type && ['1', 'a', 'A', 'i', 'I'].includes(a.type)) out.push(['type', a.type]);
  }
  if (name === 'td' || name === 'th') {
    if (a.colspan && INTEGER.test(a.colspan) && Number(a.colspan) > 0) out.push(['colspan', a.colspan]);
    if (a.rowspan && INTEGER.test(a.rowspan)) out.push(['rowspan', a.rowspan]);
  }
  if (classes.length) out.push(['class', classes.join(' ')]);
  return out;
}

function absoluteUrl(raw: string): string | null {
  try {
    return new URL(raw).href;
  } catch {
    return null;
  }
}

function writeNode(node: ChildNode, ancestors: string[], ids: Set<string>, out: string[], written: Set<string>) {
  if (node.type === 'text') {
    out.push(escapeText(node.data));
    return;
  }
  if (node.type !== 'tag') return;
  if (node.name === 'img') {
    writeImage(node, ancestors, out);
    return;
  }
  const name = elementName(node, ancestors);
  out.push('<', name);
  for (const [k, v] of attributesOf(node, name, ids, written)) out.push(' ', k, '="', escapeAttr(v), '"');
  if (VOID.has(name)) {
    out.push('/>');
    return;
  }
  out.push('>');
  const inside = [...ancestors, name];
  for (const child of node.children) writeNode(child, inside, ids, out, written);
  out.push('</', name, '>');
}

/** An EPUB may only show images it carries, so a remote image becomes a link to it. */
function writeImage(img: Element, ancestors: string[], out: string[]) {
  const label = `[Image${img.attribs.alt ? `: ${img.attribs.alt}` : ''}]`;
  const url = img.attribs.src ? absoluteUrl(img.attribs.src) : null;
  if (!url || ancestors.includes('a')) out.push('<span class="image">', escapeText(label), '</span>');
  else out.push('<a class="image" href="', escapeAttr(url), '">', escapeText(label), '</a>');
}
