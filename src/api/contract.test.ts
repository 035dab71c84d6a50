import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient, testArchive, type TestArchive } from '../testing/testApp.js';
import { checkSchema } from './schemaCheck.js';
import { api, newWork, postWork, tokenFor } from './testKit.js';

/**
 * Contract tests generated from the OpenAPI document: every operation it lists is called through
 * the app, and every answer (successes and errors alike) must be a status the document declares,
 * with a body that fits the schema declared for that status.
 */
let archive: TestArchive;
let doc: any;
let write: string;
let read: string;
const ids: Record<string, number> = {};

beforeAll(async () => {
  archive = await testArchive();
  const writer = await new TestClient(archive.app).signUp('cwriter');
  ids.work = await postWork(archive, writer, 'cwriter', { freeforms: 'Angst, Letters' });
  ids.draft = await postWork(archive, writer, 'cwriter', { title: 'A Draft', action: 'draft' });
  write = await tokenFor(archive, 'cwriter', 'write');
  read = await tokenFor(archive, 'cwriter', 'read');
  doc = (await api(archive.app, 'GET', '/api/v1/openapi.json')).json;
});
afterAll(async () => { await archive.close(); });

type Call = { path: string; token?: string; body?: unknown; expect: number; keep?: string };

/** For each operation: calls that must succeed and calls that must fail, in the order they run. */
const cases: Record<string, () => Call[]> = {
  listWorks: () => [
    { path: '/api/v1/works?sort=title&words_from=1&include_names=Angst', expect: 200 },
    { path: '/api/v1/works?include_names=No%20Such%20Tag', expect: 400 },
    { path: '/api/v1/works?words_from=lots', expect: 400 },
    { path: '/api/v1/works?cursor=forged.cursor', expect: 400 },
  ],
  getWork: () => [{ path: `/api/v1/works/${ids.work}`, expect: 200 }, { path: '/api/v1/works/999999', expect: 404 }, { path: `/api/v1/works/${ids.draft}`, expect: 404 }],
  listChapters: () => [{ path: `/api/v1/works/${ids.work}/chapters`, expect: 200 }, { path: '/api/v1/works/999999/chapters', expect: 404 }],
  getChapter: () => [{ path: `/api/v1/works/${ids.work}/chapters/${ids.chapter}`, expect: 200 }, { path: `/api/v1/works/${ids.work}/chapters/999999`, expect: 404 }],
  getTag: () => [{ path: '/api/v1/tags/Angst', expect: 200 }, { path: '/api/v1/tags/Nothing%20Like%20It', expect: 404 }],
  listTagWorks: () => [{ path: '/api/v1/tags/Angst/works?complete=in_progress', expect: 200 }, { path: '/api/v1/tags/Angst/works?crossover=maybe', expect: 400 }],
  getUser: () => [{ path: '/api/v1/users/cwriter', expect: 200 }, { path: '/api/v1/users/nobody', expect: 404 }],
  listUserWorks: () => [{ path: '/api/v1/users/cwriter/works?language=en', expect: 200 }, { path: '/api/v1/users/nobody/works', expect: 404 }],
  search: () => [{ path: '/api/v1/search?q=key', expect: 200 }, { path: '/api/v1/search', expect: 400 }],
  createWork: () => [
    { path: '/api/v1/works', token: write, body: newWork({ post: false }), expect: 201, keep: 'created' },
    { path: '/api/v1/works', token: write, body: newWork({ rating: 'Spicy' }), expect: 400 },
    { path: '/api/v1/works', body: newWork(), expect: 401 },
    { path: '/api/v1/works', token: read, body: newWork(), expect: 403 },
  ],
  updateWork: () => [
    { path: `/api/v1/works/${ids.created}`, token: write, body: { title: 'Renamed' }, expect: 200 },
    { path: `/api/v1/works/${ids.created}`, token: write, body: { title: '' }, expect: 400 },
    { path: '/api/v1/works/999999', token: write, body: { title: 'X' }, expect: 404 },
  ],
  addChapter: () => [
    { path: `/api/v1/works/${ids.created}/chapters`, token: write, body: { title: 'Two', text: 'A second chapter of words.' }, expect: 201, keep: 'newChapter' },
    { path: `/api/v1/works/${ids.created}/chapters`, token: write, body: { text: 'short' }, expect: 400 },
  ],
  updateChapter: () => [
    { path: `/api/v1/works/${ids.created}/chapters/${ids.newChapter}`, token: write, body: { title: 'Second' }, expect: 200 },
    { path: `/api/v1/works/${ids.created}/chapters/999999`, token: write, body: { title: 'X' }, expect: 404 },
  ],
  deleteChapter: () => [
    { path: `/api/v1/works/${ids.created}/chapters/${ids.newChapter}`, token: write, expect: 204 },
    { path: `/api/v1/works/${ids.created}/chapters/${ids.newChapter}`, token: write, expect: 404 },
  ],
  postWork: () => [{ path: `/api/v1/works/${ids.created}/post`, token: write, expect: 200 }, { path: '/api/v1/works/999999/post', token: read, expect: 403 }],
  deleteWork: () => [{ path: `/api/v1/works/${ids.created}`, token: write, expect: 204 }, { path: `/api/v1/works/${ids.created}`, token: write, expect: 404 }],
};

const order = ['listWorks', 'getWork', 'listChapters', 'getChapter', 'getTag', 'listTagWorks', 'getUser', 'listUserWorks', 'search',
  'createWork', 'updateWork', 'addChapter', 'updateChapter', 'deleteChapter', 'postWork', 'deleteWork'];

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 and every operation in it has contract cases here', () => {
    expect(doc.openapi).toBe('3.1.0');
    const documented = Object.values(doc.paths).flatMap((methods: any) => Object.values(methods).map((op: any) => op.operationId)).sort();
    expect(documented).toEqual([...order].sort());
  });

  it('has a 2xx response and the error shape for every operation', () => {
    for (const methods of Object.values(doc.paths) as any[]) {
      for (const op of Object.values(methods) as any[]) {
        expect(Object.keys(op.responses).some((s) => s.startsWith('2')), op.operationId).toBe(true);
        expect(op.responses['404'].content['application/json'].schema.$ref).toBe('#/components/schemas/Error');
      }
    }
  });
});

describe('every operation answers as documented', () => {
  it.each(order)('%s', async (operationId) => {
    if (operationId === 'getChapter') ids.chapter = (await api(archive.app, 'GET', `/api/v1/works/${ids.work}`)).json.chapters[0].id;
    const [path, method, op] = Object.entries(doc.paths).flatMap(([p, ms]: [string, any]) => Object.entries(ms).map(([m, o]: [string, any]) => [p, m, o] as const))
      .find(([, , o]) => o.operationId === operationId)!;
    for (const call of cases[operationId]!()) {
      const res = await api(archive.app, method.toUpperCase(), call.path, { token: call.token, body: call.body });
      const where = `${method.toUpperCase()} ${call.path} (${path})`;
      // What the tests send as valid must fit the documented request schema too.
      if (call.body !== undefined && call.expect < 300) expect(checkSchema(call.body, op.requestBody.content['application/json'].schema, doc), where).toEqual([]);
      expect(res.status, `${where}: ${res.text.slice(0, 300)}`).toBe(call.expect);
      const declared = op.responses[String(res.status)];
      expect(declared, `${where}: status ${res.status} is not declared`).toBeDefined();
      const schema = declared.content?.['application/json']?.schema;
      if (schema) expect(checkSchema(res.json, schema, doc), where).toEqual([]);
      else expect(res.text, where).toBe('');
      if (call.keep) ids[call.keep] = res.json.id;
    }
  });
});

describe('requests generated from the document’s parameters', () => {
  /** Values for path parameters, by name; every other value comes from the document itself. */
  const pathValue: Record<string, () => string> = {
    id: () => String(ids.work), chapterId: () => String(ids.chapter), name: () => 'Angst', login: () => 'cwriter',
  };

  it('answers every enum value and a junk value of every query parameter of every GET with a declared status and shape', async () => {
    let calls = 0;
    for (const [path, methods] of Object.entries(doc.paths) as Array<[string, any]>) {
      const op = methods.get;
      if (!op) continue;
      const base = path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(pathValue[name]!()));
      const required = op.parameters.filter((p: any) => p.in === 'query' && p.required).map((p: any) => `${p.name}=key`);
      for (const p of op.parameters.filter((q: any) => q.in === 'query')) {
        const schema = p.schema.type === 'array' ? p.schema.items : p.schema;
        for (const value of [...(schema.enum ?? []), 'x%ZZjunk', '']) {
          const query = [...required.filter((r: string) => !r.startsWith(`${p.name}=`)), `${p.name}=${value}`].join('&');
          const res = await api(archive.app, 'GET', `${base}?${query}`);
          const where = `GET ${base}?${query}`;
          const declared = op.responses[String(res.status)];
          expect(declared, `${where}: undeclared ${res.status} ${res.text.slice(0, 200)}`).toBeDefined();
          expect(res.status, where).toBeLessThan(500);
          expect(checkSchema(res.json, declared.content['application/json'].schema, doc), where).toEqual([]);
          calls++;
        }
      }
    }
    expect(calls).toBeGreaterThan(100);
  });
});
