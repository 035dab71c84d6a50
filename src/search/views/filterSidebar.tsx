import type { Child } from 'hono/jsx';
import type { Tag } from '../../tags/store.js';
import { TAG_TYPE_LABELS, type TagType } from '../../tags/kinds.js';
import { LANGUAGES } from '../../works/languages.js';
import type { Facets, FacetTag, SortKey, WorkFilter } from '../workIndex.js';

export const SORT_LABELS: Record<SortKey, string> = {
  best_match: 'Best Match', revised_at: 'Date Updated', published_at: 'Date Posted', word_count: 'Word Count',
  kudos_count: 'Kudos', hits_count: 'Hits', comments_count: 'Comments', bookmarks_count: 'Bookmarks',
  title: 'Title', creator: 'Creator',
};

const FACET_TYPES: TagType[] = ['warning', 'category', 'fandom', 'relationship', 'character', 'freeform'];

type Props = {
  action: string;
  facets: Facets;
  filter: WorkFilter;
  sort: SortKey;
  sorts: readonly SortKey[];
  /** Tags the filter names, so chosen ones show even when not among the most common. */
  chosen: Tag[];
  /** Hidden fields the form must carry along (the search query). */
  keep?: Record<string, string>;
  /** Sort names where a listing means something else by one (bookmarks: "Date Bookmarked"). */
  labels?: Partial<Record<SortKey, string>>;
  /** A listing's own filters, shown above the buttons. */
  children?: Child;
};

/** Checkbox rows for one tag type: the commonest tags in the result, plus any already chosen. */
function TagBoxes({ name, tags, checked }: { name: 'include' | 'exclude' | 'rating'; tags: FacetTag[]; checked: number[] }) {
  return (
    <ul class="facet">
      {tags.map((t) => (
        <li>
          <label>
            <input type="checkbox" name={name} value={String(t.id)} checked={checked.includes(t.id)} />
            {' '}{t.name}{t.count >= 0 ? <span class="count"> ({t.count.toLocaleString('en')})</span> : null}
          </label>
        </li>
      ))}
    </ul>
  );
}

function withChosen(list: FacetTag[] | undefined, chosen: Tag[], type: TagType, ids: number[]): FacetTag[] {
  const shown = [...(list ?? [])];
  for (const t of chosen) if (t.type === type && ids.includes(t.id) && !shown.some((s) => s.id === t.id)) shown.push({ id: t.id, name: t.name, count: -1 });
  return shown;
}

export function FilterSidebar({ action, facets, filter: f, sort, sorts, chosen, keep, labels, children }: Props) {
  return (
    <form class="filters" method="get" action={action} aria-label="Sort and filter">
      <h2>Sort and Filter</h2>
      {Object.entries(keep ?? {}).map(([k, v]) => <input type="hidden" name={k} value={v} />)}
      <div class="field">
        <label for="sort">Sort by</label>
        <select id="sort" name="sort">
          {sorts.map((s) => <option value={s} selected={s === sort}>{labels?.[s] ?? SORT_LABELS[s]}</option>)}
        </select>
      </div>
      <details open>
        <summary>Ratings</summary>
        <TagBoxes name="rating" tags={withChosen(facets.rating, chosen, 'rating', f.ratings)} checked={f.ratings} />
      </details>
      {FACET_TYPES.map((type) => {
        const inc = withChosen(facets[type], chosen, type, f.include);
        const exc = withChosen(facets[type], chosen, type, f.exclude);
        if (inc.length === 0) return null;
        return (
          <details open={type === 'fandom' || f.include.some((id) => inc.some((t) => t.id === id)) || f.exclude.some((id) => exc.some((t) => t.id === id))}>
            <summary>{TAG_TYPE_LABELS[type].many}</summary>
            <fieldset><legend>Include</legend><TagBoxes name="include" tags={inc} checked={f.include} /></fieldset>
            <fieldset><legend>Exclude</legend><TagBoxes name="exclude" tags={exc} checked={f.exclude} /></fieldset>
          </details>
        );
      })}
      <details open={Boolean(f.wordsFrom ?? f.wordsTo ?? f.updatedFrom ?? f.updatedTo ?? f.complete ?? f.singleChapter ?? f.crossover ?? f.language)}>
        <summary>More options</summary>
        <div class="field"><label for="include_names">Other tags to include</label><input id="include_names" name="include_names" type="text" /></div>
        <div class="field"><label for="exclude_names">Other tags to exclude</label><input id="exclude_names" name="exclude_names" type="text" /></div>
        <div class="field"><label for="words_from">Words from</label><input id="words_from" name="words_from" type="number" min="0" value={f.wordsFrom?.toString() ?? ''} /></div>
        <div class="field"><label for="words_to">Words to</label><input id="words_to" name="words_to" type="number" min="0" value={f.wordsTo?.toString() ?? ''} /></div>
        <div class="field"><label for="updated_from">Updated from</label><input id="updated_from" name="updated_from" type="date" value={f.updatedFrom ?? ''} /></div>
        <div class="field"><label for="updated_to">Updated to</label><input id="updated_to" name="updated_to" type="date" value={f.updatedTo ?? ''} /></div>
        <fieldset class="field"><legend>Completion status</legend>
          {([['', 'All works'], ['complete', 'Complete works only'], ['in_progress', 'Works in progress only']] as const).map(([v, l]) => (
            <label class="choice"><input type="radio" name="complete" value={v} checked={(f.complete ?? '') === v} /> {l}</label>
          ))}
        </fieldset>
        <fieldset class="field"><legend>Crossovers</legend>
          {([['', 'Include crossovers'], ['exclude', 'Exclude crossovers'], ['only', 'Only crossovers']] as const).map(([v, l]) => (
            <label class="choice"><input type="radio" name="crossover" value={v} checked={(f.crossover ?? '') === v} /> {l}</label>
          ))}
        </fieldset>
        <div class="field"><label class="choice"><input type="checkbox" name="single" value="1" checked={Boolean(f.singleChapter)} /> Single chapter only</label></div>
        <div class="field"><label for="language">Language</label>
          <select id="language" name="language"><option value="">Any language</option>
            {LANGUAGES.map(([code, name]) => <option value={code} selected={code === f.language}>{name}</option>)}
          </select>
        </div>
      </details>
      {children}
      <div class="actions">
        <button type="submit">Sort and Filter</button>
        <a href={action + (keep && Object.keys(keep).length ? `?${new URLSearchParams(keep)}` : '')}>Clear Filters</a>
      </div>
    </form>
  );
}

/** Says when the reader's saved excluded tags shaped this listing, with the way to see past them. */
export function SavedExclusionsNote({ count, off, path, query }: { count: number; off: boolean; path: string; query: string }) {
  const join = (extra: string) => `${path}?${[query, extra].filter(Boolean).join('&')}`.replace(/\?$/, '');
  if (off) return <p class="notice">Showing works with your excluded tags too. <a href={join('')}>Hide them again</a></p>;
  if (count === 0) return null;
  return (
    <p class="notice">
      Works with your {count === 1 ? 'excluded tag are' : `${count} excluded tags are`} left out.{' '}
      <a href={join('saved=off')}>Show them on this page</a> · <a href="/settings/filters">Edit excluded tags</a>
    </p>
  );
}
