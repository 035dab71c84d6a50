import { expect } from 'vitest';
import { TestClient, workFields, type TestArchive } from '../testing/testApp.js';

/** One of each element the sanitizer allows, nested the way writers (and AO3's rich-text editor) use them. */
export const EVERY_ELEMENT = [
  '<h1>H1</h1><h2>H2</h2><h3>H3</h3><h4>H4</h4><h5>H5</h5><h6>H6</h6>',
  '<p align="center" class="intro" title="t" dir="ltr" lang="fr">Un <a href="https://example.com/x?a=1&amp;b=2" title="link">lien</a>, ',
  '<abbr title="abbreviation">abbr</abbr> <acronym title="acronym">ACR</acronym> <b>b</b> <big>big</big> <cite>cite</cite> <code>code</code> ',
  '<del>del</del> <dfn>dfn</dfn> <em>em</em> <i>i</i> <ins>ins</ins> <kbd>kbd</kbd> <q cite="https://example.com/q">q</q> <s>s</s> ',
  '<samp>samp</samp> <small>small</small> <span>span</span> <strike>strike</strike> <strong>strong</strong> <sub>sub</sub> ',
  '<sup>sup<a href="#fn1">1</a></sup> <tt>tt</tt> <u>u</u> <var>var</var> <ruby>漢<rp>(</rp><rt>kan</rt><rp>)</rp></ruby><br>next line</p>',
  '<center>centred</center><address>An address</address><blockquote cite="https://example.com/b"><p>Quoted.</p></blockquote>',
  '<div class="letter"><p>Dear Alec,</p></div><pre>  pre\n    formatted</pre><hr>',
  '<ul><li>one</li><li>two</li></ul><ol start="3" type="i"><li>three</li></ol><dl><dt>term</dt><dd>definition</dd></dl>',
  '<details><summary>More</summary><p>Hidden text.</p></details>',
  '<figure><img src="https://example.com/pic.png" alt="A picture" width="10" height="10"><figcaption>Caption</figcaption></figure>',
  '<table><caption>Table</caption><colgroup><col></colgroup><thead><tr><th colspan="2">Head</th></tr></thead>',
  '<tbody><tr><td>1</td><td rowspan="1">2</td></tr></tbody><tfoot><tr><td>3</td><td>4</td></tr></tfoot></table>',
  '<p><a name="fn1">1.</a> A footnote, <a href="mailto:someone@example.com">mail</a>.</p>',
].join('');

export const NON_LATIN = '<p>Ελληνικά: Καλημέρα κόσμε. Кириллица: Привет, мир. 中文：你好，世界。日本語：こんにちは。한국어: 안녕하세요.</p>';

export async function defaultPseud(archive: TestArchive, login: string) {
  const user = await archive.services.accounts.findUser(login);
  return (await archive.services.accounts.pseudsOf(user!.id))[0]!.id;
}

/** Posts a work as `login` through the form, as a writer would; returns its id. */
export async function postWork(archive: TestArchive, writer: TestClient, login: string, overrides: Record<string, string | string[]> = {}) {
  const res = await writer.post('/works', workFields(overrides, await defaultPseud(archive, login)));
  expect(res.status, writer.lastHtml.slice(0, 1000)).toBe(303);
  return Number(/\/works\/(\d+)/.exec(res.headers.get('location')!)![1]);
}

export async function addChapter(writer: TestClient, workId: number, fields: Record<string, string>) {
  const res = await writer.post(`/works/${workId}/chapters`, { text_format: 'html', action: 'post', ...fields });
  expect(res.status, writer.lastHtml.slice(0, 1000)).toBe(303);
}

/** A three-chapter work with every tag kind, work and chapter notes. */
export async function postRichWork(archive: TestArchive, writer: TestClient, login: string, overrides: Record<string, string> = {}) {
  const id = await postWork(archive, writer, login, {
    title: 'Letters & <Keys>', summary: '<p>A <em>summary</em> with “quotes”.</p>', notes: '<p>Work notes.</p>', end_notes: '<p>Thanks for reading!</p>',
    characters: 'Magnus Bane, Alec Lightwood, Chairman Meow', freeforms: 'Angst, Letters, Post-Break Up',
    expected_chapters: '3', chapter_title: 'The Letter', chapter_summary: '<p>Chapter summary.</p>', chapter_notes: '<p>Chapter notes.</p>',
    chapter_end_notes: '<p>Chapter end notes.</p>', text_format: 'html', text: '<p>He had expected to come home to an empty apartment.</p>', ...overrides,
  });
  await addChapter(writer, id, { chapter_title: 'The Key', text: '<p>The key, by the way, is in Chairman Meow’s bed.</p>' });
  await addChapter(writer, id, { text: '<p>All he would ever have of Alec Lightwood.</p>' });
  return id;
}
