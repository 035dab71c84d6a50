/** Sticky patterns, matched in place, so a long chapter is checked in linear time. */
const END_TAG = /<\/([A-Za-z_:][\w.:-]*)\s*>/y;
const START_NAME = /<([A-Za-z_:][\w.:-]*)/y;
const ATTRIBUTE = /\s+([A-Za-z_:][\w.:-]*)\s*=\s*("[^"<]*"|'[^'<]*')/y;
const TAG_CLOSE = /\s*(\/?)>/y;
const BAD_AMP = /&(?!(?:[A-Za-z_][\w.-]*|#\d+|#x[0-9A-Fa-f]+);)/g;

const at = (re: RegExp, text: string, i: number) => {
  re.lastIndex = i;
  return re.exec(text);
};

/**
 * Is this text well-formed XML? EPUB's package files and chapters must be, and a lenient parser
 * would quietly guess at a broken one; this says where it breaks, in words a person can act on.
 */
export function xmlProblem(text: string): string | null {
  const stack: string[] = [];
  const lineAt = (i: number) => text.slice(0, i).split('\n').length;
  let i = 0;
  let sawRoot = false;
  // Where the next bare "&" is, found again only once the scan has passed it.
  let amp = -2;
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    const textEnd = lt < 0 ? text.length : lt;
    if (amp !== -1 && amp < i) {
      BAD_AMP.lastIndex = i;
      amp = BAD_AMP.exec(text)?.index ?? -1;
    }
    if (amp >= i && amp < textEnd) return `line ${lineAt(amp)}: a bare “&” (write &amp;amp;)`;
    if (stack.length === 0 && sawRoot && text.slice(i, textEnd).trim() !== '') return `line ${lineAt(i)}: text outside the root element`;
    if (lt < 0) break;
    const skip = (open: string, close: string, what: string) => {
      const end = text.indexOf(close, lt + open.length);
      return end < 0 ? `line ${lineAt(lt)}: ${what} is never closed` : end + close.length;
    };
    let next: number | string;
    if (text.startsWith('<!--', lt)) next = skip('<!--', '-->', 'a comment');
    else if (text.startsWith('<![CDATA[', lt)) next = stack.length ? skip('<![CDATA[', ']]>', 'a CDATA section') : `line ${lineAt(lt)}: CDATA outside the root element`;
    else if (text.startsWith('<?', lt)) next = skip('<?', '?>', 'a processing instruction');
    else if (text.startsWith('<!DOCTYPE', lt) || text.startsWith('<!doctype', lt)) next = skip('<!', '>', 'the DOCTYPE');
    else if (text.startsWith('</', lt)) {
      const m = at(END_TAG, text, lt);
      if (!m) return `line ${lineAt(lt)}: a broken end tag`;
      const open = stack.pop();
      if (open !== m[1]) return `line ${lineAt(lt)}: </${m[1]}> does not close <${open ?? 'nothing'}>`;
      next = lt + m[0].length;
    } else {
      const tag = at(START_NAME, text, lt);
      if (!tag) return `line ${lineAt(lt)}: a “<” that starts no tag (write &amp;lt;)`;
      let j = lt + tag[0].length;
      const seen = new Set<string>();
      for (let attr = at(ATTRIBUTE, text, j); attr; attr = at(ATTRIBUTE, text, j)) {
        if (seen.has(attr[1]!)) return `line ${lineAt(j)}: the attribute ${attr[1]} is given twice`;
        seen.add(attr[1]!);
        j += attr[0].length;
      }
      const end = at(TAG_CLOSE, text, j);
      if (!end) return `line ${lineAt(j)}: the tag <${tag[1]}> is not closed properly`;
      if (stack.length === 0 && sawRoot) return `line ${lineAt(lt)}: a second root element`;
      sawRoot = true;
      if (!end[1]) stack.push(tag[1]!);
      next = j + end[0].length;
    }
    if (typeof next === 'string') return next;
    i = next;
  }
  if (stack.length) return `the element <${stack[stack.length - 1]}> is never closed`;
  return sawRoot ? null : 'there is no root element';
}
