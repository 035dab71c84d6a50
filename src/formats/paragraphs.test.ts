import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { addParagraphs, textToParagraphs } from './paragraphs.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const fixture = path.resolve(repoRoot, '../shared/fixtures/letter-and-key.txt');
const hasFixture = existsSync(fixture);
const skipNote = hasFixture ? '' : ` (skipped: fixture not found at ${fixture})`;

describe('textToParagraphs', () => {
  it('makes every non-blank line a paragraph, whether separated by blank lines or not', () => {
    expect(textToParagraphs('one\ntwo\n\n\nthree')).toBe('<p>one</p>\n<p>two</p>\n<p>three</p>');
  });

  it('normalises CRLF and CR line endings', () => {
    expect(textToParagraphs('a\r\nb\rc\r\n\r\nd')).toBe('<p>a</p>\n<p>b</p>\n<p>c</p>\n<p>d</p>');
  });

  it('trims each line and drops whitespace-only lines', () => {
    expect(textToParagraphs('  indented  \n \t \n\tnext\t')).toBe('<p>indented</p>\n<p>next</p>');
  });

  it('escapes HTML special characters', () => {
    expect(textToParagraphs(`<b>"Tom" & 'Jerry'</b>`)).toBe(
      '<p>&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;</p>',
    );
  });

  it('leaves the text itself alone', () => {
    expect(textToParagraphs('Wait – what…  two  spaces. s')).toBe('<p>Wait – what…  two  spaces. s</p>');
  });

  it('returns an empty string for empty or blank input', () => {
    expect(textToParagraphs('')).toBe('');
    expect(textToParagraphs('\n \r\n')).toBe('');
  });

  it.skipIf(!hasFixture)(`keeps the 24 paragraphs of letter-and-key.txt${skipNote}`, () => {
    const html = textToParagraphs(readFileSync(fixture, 'utf8'));
    const paragraphs = html.match(/<p>[\s\S]*?<\/p>/g) ?? [];
    expect(paragraphs).toHaveLength(24);
    expect(paragraphs.at(-1)).toMatch(/all he would ever have of Alec Lightwood\. s<\/p>$/);
  });
});

describe('addParagraphs', () => {
  it('gives each line of unstructured HTML its own paragraph, keeping inline markup', () => {
    expect(addParagraphs('First <em>line</em>\n\nSecond line')).toBe('<p>First <em>line</em></p>\n<p>Second line</p>');
  });
  it('leaves HTML that has block structure alone', () => {
    const html = '<p>One</p>\n<p>Two</p>';
    expect(addParagraphs(html)).toBe(html);
    expect(addParagraphs('a<br>b')).toBe('a<br>b');
  });
  it('gives nothing for blank input', () => {
    expect(addParagraphs('  \n ')).toBe('');
  });
});
