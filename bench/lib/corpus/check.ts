/**
 * After the load: read the shape back from the database and say what is off. The statistical
 * bounds are loose (the targets are ~3% largest fandom, ~3,000 median words) and only apply to
 * corpora large enough for them to be stable.
 */
import type { FixedTags } from './archive.js';
import type { Sink } from './sink.js';

export type CheckResult = {
  problems: string[];
  largestFandom: string;
  largestFandomShare: number;
  medianWords: number;
};

/** Below this many works the statistical checks are skipped (small samples wander). */
export const STATISTICS_FROM = 2000;

const num = (v: unknown) => Number(v ?? 0);
const marks = (ids: readonly number[]) => ids.map(() => '?').join(',');

export async function checkCorpus(sink: Sink, fixed: FixedTags, expectedWorks: number): Promise<CheckResult> {
  const problems: string[] = [];
  const one = async (sql: string, params: unknown[] = []) => (await sink.query(sql, params))[0] ?? {};

  const n = num((await one('select count(*) as n from works')).n);
  if (n !== expectedWorks) problems.push(`expected ${expectedWorks} works, found ${n}`);

  const ratings = await one(`select count(*) as c, count(distinct work_id) as d from work_tags where tag_id in (${marks(fixed.ratings)})`, fixed.ratings);
  if (num(ratings.c) !== n || num(ratings.d) !== n) {
    problems.push(`every work needs exactly one rating: ${num(ratings.d)} of ${n} works have one, ${num(ratings.c)} rating tags in all`);
  }
  const warnings = await one(`select count(distinct work_id) as d from work_tags where tag_id in (${marks(fixed.warnings)})`, fixed.warnings);
  if (num(warnings.d) !== n) problems.push(`every work needs a warning: ${num(warnings.d)} of ${n} have one`);
  const fandoms = await one(`select count(distinct wt.work_id) as d from work_tags wt join tags t on t.id = wt.tag_id where t.type = 'fandom'`);
  if (num(fandoms.d) !== n) problems.push(`every work needs a fandom: ${num(fandoms.d)} of ${n} have one`);
  const creators = await one('select count(distinct work_id) as d from creatorships');
  if (num(creators.d) !== n) problems.push(`every work needs a creator: ${num(creators.d)} of ${n} have one`);

  const fromWorks = await one('select sum(word_count) as w, sum(posted_chapters) as c from works');
  const fromChapters = await one('select sum(word_count) as w, count(*) as c from chapters');
  if (num(fromWorks.w) !== num(fromChapters.w) || num(fromWorks.c) !== num(fromChapters.c)) {
    problems.push(`works and chapters disagree: works say ${num(fromWorks.w)} words in ${num(fromWorks.c)} chapters, chapters hold ${num(fromChapters.w)} in ${num(fromChapters.c)}`);
  }

  const top = await one(
    `select t.name as name, count(*) as c from work_tags wt join tags t on t.id = wt.tag_id
      where t.type = 'fandom' group by wt.tag_id, t.name order by c desc, t.name limit 1`,
  );
  const largestFandomShare = n > 0 ? num(top.c) / n : 0;
  const medianWords = n > 0 ? num((await one('select word_count as w from works order by word_count limit 1 offset ?', [Math.floor((n - 1) / 2)])).w) : 0;

  if (n >= STATISTICS_FROM) {
    if (largestFandomShare < 0.01 || largestFandomShare > 0.08) {
      problems.push(`largest fandom share ${(100 * largestFandomShare).toFixed(2)}% is outside 1%..8%`);
    }
    if (medianWords < 2000 || medianWords > 4500) problems.push(`median words ${medianWords} is outside 2,000..4,500`);
  }
  return { problems, largestFandom: String(top.name ?? ''), largestFandomShare, medianWords };
}
