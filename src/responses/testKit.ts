import { TestClient, workFields, type TestArchive } from '../testing/testApp.js';
import type { Viewer } from '../policy/viewer.js';

export type User = Extract<Viewer, { kind: 'user' }>;

/** A signed-up user as the domain sees them, and a client signed in as them. */
export async function user(archive: TestArchive, login: string): Promise<{ viewer: User; client: TestClient; pseudId: number }> {
  const client = await new TestClient(archive.app).signUp(login);
  const u = (await archive.services.accounts.findUser(login))!;
  const pseudId = (await archive.services.accounts.pseudsOf(u.id))[0]!.id;
  return { viewer: { kind: 'user', id: u.id, login: u.login, isAdmin: false, isWrangler: false }, client, pseudId };
}

export async function postWork(archive: TestArchive, author: { viewer: User; pseudId: number }, overrides: Record<string, string | string[]> = {}) {
  const fields = workFields(overrides, author.pseudId);
  const r = await archive.services.posting.createWork(author.viewer, fields, fields, overrides.action === 'draft' ? 'draft' : 'post');
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

export const workRow = (archive: TestArchive, id: number) =>
  archive.services.database.db.selectFrom('works').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

export async function count(archive: TestArchive, table: 'kudos' | 'comments' | 'work_hits' | 'inbox_items' | 'work_changes', workId?: number) {
  const db = archive.services.database.db;
  const q = db.selectFrom(table).select((eb) => eb.fn.countAll().as('n'));
  const row = await (workId === undefined ? q : (q as any).where('work_id', '=', workId)).executeTakeFirstOrThrow();
  return Number((row as { n: unknown }).n);
}

/** Posts from the work page, as a browser would (its CSRF token comes from that page). */
export async function fromWorkPage(client: TestClient, workId: number, path: string, fields: Record<string, string>) {
  await client.get(`/works/${workId}`);
  return client.post(path, fields);
}
