import { describe, expect, it } from 'vitest';
import { parseAo3Html } from './ao3Html.js';
import { ao3Epub, ao3Html, epub, xhtmlPage } from './bookKit.js';
import { parseEpub } from './epub.js';
import type { ImportedWork } from './imported.js';

const work: ImportedWork = {
  title: 'The Letter & the Key',
  summary: '<p>Magnus finds a <em>letter</em>.</p>',
  notes: '<p>Written for a prompt.</p>',
  endNotes: '<p>Thanks for reading!</p>',
  language: 'en',
  expectedChapters: null,
  tags: {
    rating: 'Teen And Up Audiences',
    warnings: ['No Archive Warnings Apply'],
    categories: ['M/M', 'Gen'],
    fandoms: ['Shadowhunters (TV)', 'The Mortal Instruments'],
    relationships: ['Magnus Bane/Alec Lightwood'],
    characters: ['Magnus Bane', 'Alec Lightwood', 'Chairman Meow'],
    freeforms: ['Angst', 'Letters', 'Happy Ending'],
  },
  chapters: [
    { title: 'The Letter', summary: '<p>A letter arrives.</p>', notes: '<p>Chapter one notes.</p>', endNotes: '<p>Chapter one end notes.</p>', body: '<p>He had expected to come home to an empty apartment.</p>' },
    { title: '', summary: '', notes: '', endNotes: '', body: '<p>The key was in Chairman Meow’s bed.</p>\n<p>Of course it was.</p>' },
    { title: 'After', summary: '', notes: '<p>Last one.</p>', endNotes: '', body: '<p>All he would ever have of Alec Lightwood.</p>' },
  ],
};

describe('AO3 downloads', () => {
  it('reads every part of AO3’s HTML download: tags of each kind, notes, chapters', () => {
    const parsed = parseAo3Html(ao3Html(work));
    expect(parsed).toEqual({ ok: true, work });
  });

  it('reads AO3’s one-chapter download, which has no chapter headings', () => {
    const one = { ...work, expectedChapters: 1, chapters: [{ title: '', summary: '', notes: '', endNotes: '', body: '<p>Just one.</p>' }] };
    expect(parseAo3Html(ao3Html(one))).toEqual({ ok: true, work: one });
  });

  it('spells AO3’s “Creator Chose Not To Use Archive Warnings” as Quire does', () => {
    const html = ao3Html({ ...work, tags: { ...work.tags, warnings: ['Creator Chose Not To Use Archive Warnings'] } });
    const parsed = parseAo3Html(html);
    expect(parsed.ok && parsed.work.tags.warnings).toEqual(['Choose Not To Use Archive Warnings']);
  });

  it('reads an EPUB made like AO3’s (preface page, a page per chapter, afterword)', () => {
    expect(parseEpub(ao3Epub(work))).toEqual({ ok: true, work });
  });

  it('finds the chapters inside whatever wraps them in a split book', () => {
    const page = (i: number, ch: ImportedWork['chapters'][number]) => xhtmlPage(`Part ${i}`,
      `<div class="userstuff"><div class="meta group"><h2 class="heading">Chapter ${i}: ${ch.title || 'Untitled'}</h2></div><div class="userstuff">${ch.body}</div></div>`);
    const parsed = parseEpub(epub(work.chapters.map((ch, i) => [`split_${i}.xhtml`, page(i + 1, ch)]), { title: 'Split', subjects: ['Angst'] }));
    expect(parsed.ok && parsed.work.chapters.map((c) => [c.title, c.body])).toEqual(work.chapters.map((c) => [c.title || 'Untitled', c.body]));
  });
});

describe('other EPUBs', () => {
  it('takes the spine’s pages as chapters, headings as titles, subjects as additional tags', () => {
    const book = epub([
      ['one.xhtml', xhtmlPage('One', '<h2>The Beginning</h2><p>It was a dark &amp; stormy night.</p>')],
      ['blank.xhtml', xhtmlPage('Cover', '<div><img src="cover.jpg" alt=""/></div>')],
      ['two.xhtml', xhtmlPage('Two', '<p>No heading here, just words.</p>')],
    ], { title: 'A Book', language: 'en-GB', description: 'A <b>short</b> book.', subjects: ['Fluff', 'Original Work'] });
    const parsed = parseEpub(book);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.work).toMatchObject({ title: 'A Book', summary: 'A <b>short</b> book.', language: 'en', tags: { freeforms: ['Fluff', 'Original Work'], fandoms: [] } });
    expect(parsed.work.chapters.map((c) => [c.title, c.body])).toEqual([
      ['The Beginning', '<p>It was a dark &amp; stormy night.</p>'],
      ['', '<p>No heading here, just words.</p>'],
    ]);
  });
});
