import type { SignedInViewer } from '../web/session.js';
import { workFields, type TestArchive } from '../testing/testApp.js';

/** A signed-up user as the domain sees them. */
export async function makeUser(archive: TestArchive, login: string): Promise<SignedInViewer> {
  const r = await archive.services.accounts.signUp({ login, email: `${login}@example.com`, password: 'correct horse battery' });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return { kind: 'user', id: r.value.userId, login, isAdmin: false, isWrangler: false };
}

/** A work by `writer` (posted unless told), with `chapters` chapters; returns its id. */
export async function makeWork(archive: TestArchive, writer: SignedInViewer, overrides: Record<string, string> = {}, chapters = 1): Promise<number> {
  const [pseud] = await archive.services.accounts.pseudsOf(writer.id);
  const fields = workFields(overrides, pseud!.id);
  const action = overrides.action === 'draft' ? 'draft' : 'post';
  const r = await archive.services.posting.createWork(writer, fields, fields, action);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  for (let i = 2; i <= chapters; i++) {
    const c = await archive.services.posting.addChapter(writer, r.value, { ...fields, chapter_title: `Part ${i}`, text: `Chapter ${i} text.` }, 'post');
    if (!c.ok) throw new Error(`chapter ${i}: ${JSON.stringify(c)}`);
  }
  return r.value;
}
