import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { textToParagraphs } from './paragraphs.js';
import { countWords } from './wordCount.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const fixture = path.resolve(repoRoot, '../shared/fixtures/letter-and-key.txt');
const hasFixture = existsSync(fixture);
const skipNote = hasFixture ? '' : ` (skipped: fixture not found at ${fixture})`;

describe('countWords', () => {
  it('counts nothing in an empty string', () => {
    expect(countWords('')).toBe(0);
    expect(countWords('<p></p><br>')).toBe(0);
  });

  it('counts text nodes only, never markup', () => {
    expect(countWords('<p>one</p><p>two</p>')).toBe(2);
    expect(countWords('<p class="many words here" title="more words">one</p>')).toBe(1);
    expect(countWords('<!-- a comment of words --><p>one</p>')).toBe(1);
  });

  it('counts each text node separately', () => {
    expect(countWords('<b>wo</b>rd')).toBe(2);
  });

  it('decodes entities before counting', () => {
    expect(countWords('<p>Tom &amp; Jerry</p>')).toBe(2);
    expect(countWords('<p>don&#39;t caf&eacute; don&rsquo;t</p>')).toBe(3);
    expect(countWords('<p>a&nbsp;b</p>')).toBe(2);
  });

  it('joins words across apostrophes and hyphens', () => {
    expect(countWords("don't")).toBe(1);
    expect(countWords('don’t ‘quoted’')).toBe(2);
    expect(countWords('well-known')).toBe(1);
  });

  it('reads a double hyphen as a dash that separates words', () => {
    expect(countWords('a -- b')).toBe(2);
    expect(countWords('a--b')).toBe(2);
    expect(countWords('a – b — c')).toBe(3);
  });

  it('counts digits and underscores as word characters', () => {
    expect(countWords('in 1999 snake_case')).toBe(3);
  });

  it('counts each Han, Hiragana and Katakana character as a word', () => {
    expect(countWords('日本語のテキスト')).toBe(8);
    expect(countWords('<p>中文</p> and English')).toBe(4);
  });

  it('counts each Thai character as a word', () => {
    expect(countWords('ไทย')).toBe(3);
  });

  it('counts words in scripts that use spaces', () => {
    expect(countWords('Привет мир, γειά σου')).toBe(4);
  });

  it.skipIf(!hasFixture)(`counts 1,889 words in letter-and-key.txt${skipNote}`, () => {
    expect(countWords(textToParagraphs(readFileSync(fixture, 'utf8')))).toBe(1889);
  });
});
