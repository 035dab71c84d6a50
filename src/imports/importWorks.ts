import type { AccountsService } from '../accounts/service.js';
import { validate, type PostingService } from '../works/posting.js';
import type { Viewer } from '../policy/viewer.js';
import { readSource, type Source } from './readSource.js';

/** Metadata given once for every imported file. */
export type ImportOptions = {
  as: string;
  title?: string | undefined;
  fandoms: string[];
  rating?: string | undefined;
  warnings: string[];
  categories: string[];
  relationships: string[];
  characters: string[];
  tags: string[];
  language?: string | undefined;
};

export type ImportProblem = { file: string; message: string };
export type ImportOutcome = { ok: true; workIds: number[] } | { ok: false; problems: ImportProblem[] };

const FIELD_NAMES: Record<string, string> = {
  fandoms: '--fandom', rating: '--rating', warnings: '--warning', categories: '--category', title: '--title',
  relationships: '--relationship', characters: '--character', freeforms: '--tag', language: '--language',
};

/**
 * Every file is read and checked before anything is written, so a bad file in a batch leaves
 * the archive as it was; each work is then posted in its own transaction.
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

  const workForm = (s: Source) => ({
    title: options.title ?? s.title,
    pseud_ids: pseud ? [String(pseud.id)] : [],
    rating: options.rating ?? 'Not Rated',
    warnings: options.warnings.length ? options.warnings : ['Choose Not To Use Archive Warnings'],
    categories: options.categories,
    fandoms: options.fandoms.join(','),
    relationships: options.relationships.join(','),
    characters: options.characters.join(','),
    freeforms: options.tags.join(','),
    language: options.language ?? 'en',
    expected_chapters: '1',
  });
  const chapterForm = (s: Source) => ({ text: s.text, text_format: s.format });

  const describe = (errors: Record<string, string>) =>
    Object.entries(errors).map(([k, m]) => `${FIELD_NAMES[k] ?? k}: ${m}`).join('; ');
  for (const s of sources) {
    const errors = validate(workForm(s), chapterForm(s));
    if (errors) problems.push({ file: s.file, message: describe(errors) });
  }
  if (problems.length > 0) return { ok: false, problems };

  const workIds: number[] = [];
  for (const [i, s] of sources.entries()) {
    const result = await deps.posting.createWork(viewer, workForm(s), chapterForm(s), 'post');
    if (!result.ok) {
      const note = workIds.length > 0 ? ` (the ${workIds.length} works before it were imported)` : '';
      return { ok: false, problems: [{ file: s.file, message: describe(result.errors) + note }] };
    }
    workIds.push(result.value);
    onPosted(s.file, result.value, i + 1);
  }
  return { ok: true, workIds };
}
