import type { AccountsService } from '../accounts/service.js';
import { validateWork, type PostingService } from '../works/posting.js';
import type { Viewer } from '../policy/viewer.js';
import { importForms, type ImportDefaults } from './forms.js';
import { readSource, type Source } from './readSource.js';

/** Metadata given once for every imported file, and whose works they become. */
export type ImportOptions = ImportDefaults & { as: string };

export type ImportProblem = { file: string; message: string };
export type ImportOutcome = { ok: true; workIds: number[] } | { ok: false; problems: ImportProblem[] };

const FIELD_NAMES: Record<string, string> = {
  fandoms: '--fandom', rating: '--rating', warnings: '--warning', categories: '--category', title: '--title',
  relationships: '--relationship', characters: '--character', freeforms: '--tag', language: '--language',
};

export const describeErrors = (errors: Record<string, string>, names: Record<string, string> = FIELD_NAMES) =>
  Object.entries(errors).map(([k, m]) => `${names[k] ?? k}: ${m}`).join('; ');

/**
 * Every file is read and checked before anything is written, so a bad file in a batch leaves
 * the archive as it was; each work, with all its chapters, is then posted in its own transaction.
 */
export async function importWorks(
  deps: { accounts: AccountsService; posting: PostingService },
  files: readonly string[],
  options: ImportOptions,
  onPosted: (file: string, workId: number, done: number) => void = () => {},
): Promise<ImportOutcome> {
  const user = await deps.accounts.findUser(options.as);
  if (!user) return { ok: false, problems: [{ file: '--as', message: `there is no user with the login "${options.as}"` }] };
  const viewer: Viewer = { kind: 'user', id: user.id, login: user.login, isAdmin: user.is_admin === 1, isWrangler: user.is_wrangler === 1 };
  const pseud = (await deps.accounts.pseudsOf(user.id)).find((p) => p.isDefault);

  const sources: Source[] = [];
  const problems: ImportProblem[] = [];
  for (const file of files) {
    const r = await readSource(file);
    if (r.ok) sources.push(r.source);
    else problems.push({ file: r.file, message: r.message });
  }
  if (problems.length > 0) return { ok: false, problems };

  const forms = sources.map((s) => importForms(s, options, pseud ? [pseud.id] : []));
  for (const [i, s] of sources.entries()) {
    const errors = validateWork(forms[i]!.work, forms[i]!.chapters);
    if (errors) problems.push({ file: s.file, message: describeErrors(errors) });
  }
  if (problems.length > 0) return { ok: false, problems };

  const workIds: number[] = [];
  for (const [i, s] of sources.entries()) {
    const result = await deps.posting.createWorkWithChapters(viewer, forms[i]!.work, forms[i]!.chapters, 'post');
    if (!result.ok) {
      const note = workIds.length > 0 ? ` (the ${workIds.length} works before it were imported)` : '';
      return { ok: false, problems: [{ file: s.file, message: describeErrors(result.errors) + note }] };
    }
    workIds.push(result.value);
    onPosted(s.file, result.value, i + 1);
  }
  return { ok: true, workIds };
}
