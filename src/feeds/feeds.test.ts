import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient, testArchive, type TestArchive } from '../testing/testApp.js';
import { jing } from '../testing/tools.js';
import { postWork } from '../downloads/testKit.js';

const schemas = path.resolve(fileURLToPath(new URL('../..', import.meta.url)), '../shared/schemas/opds-1.2');

let archive: TestArchive;
let guest: TestClient;
let reader: TestClient;
let dir: string;
let seq = 0;
const tls = { 'x-forwarded-proto': 'https' };
const basic = `Basic ${Buffer.from('feedreader:correct horse battery').toString('base64')}`;

/** Fails the test with jing's messages unless the document is valid against the schema. */
function expectValid(xml: string, schema: 'atom' | 'opds') {
  if (!jing.available) return;
  const file = path.join(dir, `doc-${++seq}.xml`);
  writeFileSync(file, xml);
  const { status, output } = jing.run(['-c', path.join(schemas, `${schema}.rnc`), file]);
  expect(output.split('\n').filter((l) => l.includes('error')).join('\n')).toBe('');
  expect(status).toBe(0);
}

async function fetchXml(client: TestClient, url: string, headers: Record<string, string> = {}) {
  const res = await client.request('GET', url.replace('http://localhost:3000', ''), undefined, headers);
  return { res, xml: await res.text() };
}

beforeAll(async () => {
  archive = await testArchive();
  dir = mkdtempSync(path.join(os.tmpdir(), 'quire-feeds-'));
  const writer = await new TestClient(archive.app).signUp('feedwriter');
  reader = await new TestClient(archive.app).signUp('feedreader');
  guest = new TestClient(archive.app);
  await postWork(archive, writer, 'feedwriter', { title: 'Public <One> & Co', freeforms: 'Angst', summary: 'A story with a xylophone in it.', expected_chapters: '1' });
  await postWork(archive, writer, 'feedwriter', { title: 'Synonym Tagged', freeforms: 'Angsty', rating: 'Explicit' });
  await postWork(archive, writer, 'feedwriter', { title: 'Members Only Work', freeforms: 'Angst, Members Only Freeform', restricted: 'on' });
  await postWork(archive, writer, 'feedwriter', { title: 'Draft Work', freeforms: 'Angst', action: 'draft' });
  for (let i = 0; i < 20; i++) await postWork(archive, writer, 'feedwriter', { title: `Filler ${i}`, fandoms: 'Filler Fandom' });
  const { wrangling, tags } = archive.services;
  const angst = (await tags.findByName('Angst'))!.id;
  await wrangling.makeCanonical(angst, true);
  await wrangling.makeSynonym((await tags.findByName('Angsty'))!.id, angst);
  await wrangling.makeCanonical((await tags.findByName('Shadowhunters (TV)'))!.id, true);
});
afterAll(async () => {
  await archive.close();
  rmSync(dir, { recursive: true, force: true });
});

describe(`Atom feeds${jing.skipNote}`, () => {
  it('lists a tag’s newest works a guest may see, through its synonyms, as valid Atom', async () => {
    const { res, xml } = await fetchXml(guest, '/tags/Angst/feed.atom');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=UTF-8');
    expect(xml).toContain('<title>Public &lt;One&gt; &amp; Co</title>');
    expect(xml).toContain('<title>Synonym Tagged</title>');
    expect(xml).not.toContain('Members Only');
    expect(xml).not.toContain('Draft Work');
    expectValid(xml, 'atom');
  });

  it('sends a synonym’s feed to its canonical tag’s, and hides tags seen only on hidden works', async () => {
    const res = await guest.get('/tags/Angsty/feed.atom');
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/tags/Angst/feed.atom');
    expect((await guest.get('/tags/Members%20Only%20Freeform/feed.atom')).status).toBe(404);
    expect((await guest.get('/tags/No%20Such%20Tag/feed.atom')).status).toBe(404);
    // Feeds are public documents: even a signed-in reader's feed lists what guests see.
    expect(await (await reader.get('/tags/Angst/feed.atom')).text()).not.toContain('Members Only');
  });

  it('lists a user’s works a guest may see', async () => {
    const { res, xml } = await fetchXml(guest, '/users/feedwriter/works/feed.atom');
    expect(res.status).toBe(200);
    expect(xml.match(/<entry>/g)).toHaveLength(22);
    expect(xml).not.toContain('Members Only');
    expectValid(xml, 'atom');
    expect((await guest.get('/users/nobody/works/feed.atom')).status).toBe(404);
  });

  it('lists a series’ parts a guest may see, and is linked from the series page', async () => {
    const writer = new TestClient(archive.app);
    await writer.signIn('feedwriter', 'correct horse battery');
    await writer.page('/series/new');
    const made = await writer.post('/series', { title: 'Letters & Keys', summary: '', notes: '' });
    const seriesId = Number(/\/series\/(\d+)/.exec(made.headers.get('location') ?? '')?.[1]);
    const idOf = async (title: string) => (await archive.services.database.db.selectFrom('works').select('id').where('title', '=', title).executeTakeFirstOrThrow()).id;
    for (const title of ['Public <One> & Co', 'Members Only Work']) {
      await writer.page(`/series/${seriesId}`);
      expect((await writer.post(`/series/${seriesId}/parts`, { work_id: String(await idOf(title)) })).status).toBe(303);
    }
    const { res, xml } = await fetchXml(guest, `/series/${seriesId}/feed.atom`);
    expect(res.status).toBe(200);
    expect(xml).toContain('<title>Works in the series Letters &amp; Keys</title>');
    expect(entryTitles(xml)).toEqual(['Public &lt;One&gt; &amp; Co']);
    expectValid(xml, 'atom');
    expect(await guest.page(`/series/${seriesId}`)).toContain(`href="/series/${seriesId}/feed.atom"`);
    expect((await guest.get('/series/999999/feed.atom')).status).toBe(404);
  });

  it('is linked from the head of the tag and user listings', async () => {
    expect(await guest.page('/tags/Angst/works')).toContain('<link rel="alternate" type="application/atom+xml" title="Works in Angst" href="/tags/Angst/feed.atom"/>');
    expect(await guest.page('/users/feedwriter/works')).toContain('href="/users/feedwriter/works/feed.atom"');
  });
});

const hrefs = (xml: string, pattern: RegExp) => [...xml.matchAll(/<link [^>]*>/g)].map((m) => m[0]).filter((l) => pattern.test(l)).map((l) => /href="([^"]+)"/.exec(l)![1]!.replace(/&amp;/g, '&'));
const entryTitles = (xml: string) => [...xml.matchAll(/<entry><title>([^<]*)<\/title>/g)].map((m) => m[1]);

describe(`the OPDS catalog${jing.skipNote}`, () => {
  it('is walked from its root like an e-reader: newest works, next page, then an EPUB download', async () => {
    const root = await fetchXml(guest, '/opds');
    expect(root.res.headers.get('content-type')).toBe('application/atom+xml;profile=opds-catalog;kind=navigation; charset=UTF-8');
    expectValid(root.xml, 'opds');
    const [newest] = hrefs(root.xml, /rel="http:\/\/opds-spec.org\/sort\/new"/);
    const first = await fetchXml(guest, newest!);
    expectValid(first.xml, 'opds');
    expect(entryTitles(first.xml)).toHaveLength(20);
    const [next] = hrefs(first.xml, /rel="next"/);
    const second = await fetchXml(guest, next!);
    expectValid(second.xml, 'opds');
    expect(entryTitles(second.xml).sort()).toEqual(['Public &lt;One&gt; &amp; Co', 'Synonym Tagged']);
    expect(hrefs(second.xml, /rel="next"/)).toEqual([]);
    const [epub] = hrefs(second.xml, /type="application\/epub\+zip"/);
    const book = await guest.request('GET', epub!.replace('http://localhost:3000', ''));
    expect(book.status).toBe(200);
    expect(book.headers.get('content-type')).toBe('application/epub+zip');
  });

  it('offers rating and completion facets that narrow the list', async () => {
    const { xml } = await fetchXml(guest, '/opds/works');
    const [explicit] = hrefs(xml, /title="Explicit"/);
    expect(xml).toMatch(/<link rel="http:\/\/opds-spec.org\/facet"[^>]*title="All ratings" opds:facetGroup="Rating" opds:activeFacet="true"\/>/);
    const narrowed = await fetchXml(guest, explicit!);
    expect(entryTitles(narrowed.xml)).toEqual(['Synonym Tagged']);
    expectValid(narrowed.xml, 'opds');
    const [complete] = hrefs(xml, /title="Complete works"/);
    expect(entryTitles((await fetchXml(guest, complete!)).xml)).toEqual(['Public &lt;One&gt; &amp; Co']);
  });

  it('lists fandoms, each leading to its works', async () => {
    const { xml } = await fetchXml(guest, '/opds/fandoms');
    expectValid(xml, 'opds');
    expect(xml).toContain('<title>Filler Fandom</title>');
    const [filler] = hrefs(xml, /tag=/).filter((h) => xml.includes(`<title>Filler Fandom</title><id>http://localhost:3000${h.replace('http://localhost:3000', '').replace(/&/g, '&amp;')}`));
    expect(entryTitles((await fetchXml(guest, filler!)).xml)).toHaveLength(20);
  });

  it('searches, and describes its search for OpenSearch', async () => {
    const description = await fetchXml(guest, '/opds/opensearch.xml');
    expect(description.xml).toContain('template="http://localhost:3000/opds/search?q={searchTerms}"');
    const found = await fetchXml(guest, '/opds/search?q=xylophone');
    expectValid(found.xml, 'opds');
    expect(entryTitles(found.xml)).toEqual(['Public &lt;One&gt; &amp; Co']);
    expect((await guest.get('/opds/search?q=')).status).toBe(400);
    expect((await guest.get('/opds/works?page=abc')).status).toBe(400);
    expect((await guest.get('/opds/works?tag=999999')).status).toBe(404);
  });

  it('shows restricted works only to readers signed in with HTTP Basic over TLS', async () => {
    const all = (xml: string) => entryTitles(xml).join('|');
    expect(all((await fetchXml(guest, '/opds/works?page=2')).xml)).not.toContain('Members Only');
    const signedIn = await fetchXml(guest, '/opds/works?page=2', { ...tls, authorization: basic });
    expect(all(signedIn.xml)).toContain('Members Only Work');
    expect(signedIn.res.headers.get('cache-control')).toBe('private, no-cache');
    expect(all((await fetchXml(guest, '/opds/works?page=2', { authorization: basic })).xml)).not.toContain('Members Only');
    const tag = (await archive.services.tags.findByName('Members Only Freeform'))!.id;
    expect((await fetchXml(guest, `/opds/works?tag=${tag}`)).res.status).toBe(404);
    expect((await fetchXml(guest, `/opds/works?tag=${tag}`, { ...tls, authorization: basic })).res.status).toBe(200);
  });

  it('asks for a password at its sign-in entry over TLS, and refuses to over plain HTTP', async () => {
    const asked = await guest.request('GET', '/opds/signin', undefined, tls);
    expect(asked.status).toBe(401);
    expect(asked.headers.get('www-authenticate')).toBe('Basic realm="Quire", charset="UTF-8"');
    expect((await guest.request('GET', '/opds/signin')).status).toBe(403);
    const done = await guest.request('GET', '/opds/signin', undefined, { ...tls, authorization: basic });
    expect(done.status).toBe(303);
  });
});

// Last, because the works and kudos these add would change the counts the tests above expect.
describe(`feeds of a busy archive${jing.skipNote}`, () => {
  it('keep a tag’s and a user’s Atom feeds to the newest 25 works', async () => {
    const prolific = await new TestClient(archive.app).signUp('feedprolific');
    for (let i = 0; i < 27; i++) await postWork(archive, prolific, 'feedprolific', { title: `Prolific ${i}`, freeforms: 'Prolific Tag' });
    for (const url of ['/users/feedprolific/works/feed.atom', '/tags/Prolific%20Tag/feed.atom']) {
      const { xml } = await fetchXml(guest, url);
      expectValid(xml, 'atom');
      const titles = [...xml.matchAll(/<entry><title[^>]*>([^<]+)</g)].map((m) => m[1]);
      expect(titles, url).toHaveLength(25);
      expect(titles[0], url).toBe('Prolific 26');
      expect(titles, url).not.toContain('Prolific 1');
    }
  });

  it('lists the most-kudosed works first in the OPDS catalog’s popular feed, with its facets valid', async () => {
    const kudosed = (await archive.services.database.db.selectFrom('works').select('id').where('title', '=', 'Synonym Tagged').executeTakeFirstOrThrow()).id;
    for (let i = 1; i <= 3; i++) await archive.services.responses.leaveKudos({ kind: 'guest' }, kudosed, `192.0.2.${i}`);
    await archive.services.index.sync(); // the listing index's follower: counts reach listings within a second
    const root = await fetchXml(guest, '/opds');
    const [popular] = hrefs(root.xml, /rel="http:\/\/opds-spec.org\/sort\/popular"/);
    const feed = await fetchXml(guest, popular!);
    expectValid(feed.xml, 'opds');
    expect(feed.xml).toContain('<title>Most kudos</title>');
    expect(entryTitles(feed.xml)[0]).toBe('Synonym Tagged');
    const [complete] = hrefs(feed.xml, /title="Complete works"/);
    expectValid((await fetchXml(guest, complete!)).xml, 'opds');
  });
});
