import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../formats/plainText.js';
import { textToParagraphs } from '../../formats/paragraphs.js';
import { postingService } from '../../works/posting.js';
import { formatQuery } from '../query.js';
import { snippet } from '../snippet.js';
import { q, useTextSearch } from './textSearchTestKit.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const FIXTURE = path.resolve(repoRoot, '../shared/fixtures/letter-and-key.txt');
const hasFixture = fs.existsSync(FIXTURE);

const kit = useTextSearch();
const { found, creator } = kit;

describe('the real fan work', () => {
  it.skipIf(!hasFixture)('posted as plain text, is found by its phrase and its possessive, not by the words out of order', async () => {
    const text = fs.readFileSync(FIXTURE, 'utf8');
    const { userId, pseudIds } = await creator('letterwriter');
    const form = {
      title: 'The Letter and the Key', pseud_ids: String(pseudIds[0]), rating: 'Teen And Up Audiences',
      warnings: 'No Archive Warnings Apply', categories: 'M/M', fandoms: 'Shadowhunters (TV)',
      relationships: 'Magnus Bane/Alec Lightwood', characters: 'Magnus Bane, Alec Lightwood', freeforms: 'Angst, Letters',
      language: 'en', expected_chapters: '1', text_format: 'plain', text,
    };
    const viewer = { kind: 'user' as const, id: userId, login: 'letterwriter', isAdmin: false, isWrangler: false };
    // Posting indexes the work in its own transaction, as the composition root wires it.
    const changes = { changed: (trx: typeof kit.database.db, workId: number) => kit.search.indexWorks(trx, [workId]), committed: async () => {} };
    const posted = await postingService(kit.database.db, changes).createWork(viewer, form, form, 'post');
    if (!posted.ok) throw new Error(JSON.stringify(posted.errors));
    const id = posted.value;

    expect(await found('"in Chairman Meow\'s bed"')).toEqual([id]);
    expect(await found('"in Chairman Meow’s bed"')).toEqual([id]);
    expect(await found("Meow's")).toContain(id);
    expect(await found('"Meow\'s Chairman bed"')).toEqual([]);
    expect(await found('tag:"Magnus Bane/Alec Lightwood" creator:letterwriter title:key')).toEqual([id]);
    expect(await found('"in Chairman Meow\'s bed" -tag:angst')).toEqual([]);

    // The snippet of the chapter text shows the phrase marked.
    const body = await kit.database.db.selectFrom('chapters').select('body').where('work_id', '=', id).executeTakeFirstOrThrow();
    const plain = htmlToText(body.body);
    expect(plain).toContain('The key, by the way, is in Chairman Meow\'s bed.');
    expect(htmlToText(textToParagraphs('a\n\nb'))).toBe('a\n\nb');
    const s = snippet(plain, q('"in Chairman Meow\'s bed"'));
    expect(s.parts.filter((part) => part.hit).map((part) => part.text)).toEqual(['in Chairman Meow\'s bed']);
    expect(formatQuery(q('"in Chairman Meow\'s bed"'))).toBe('"in chairman meow s bed"');
  });
});
