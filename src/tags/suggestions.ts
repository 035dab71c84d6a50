import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { TagType } from './kinds.js';
import { canonicalNames } from './wranglingStore.js';

export type Suggestion = { id: number; name: string; type: TagType; count: number };
type Phrase = { tokens: string[]; tagId: number };

const SUGGESTED_TYPES: readonly TagType[] = ['fandom', 'character', 'relationship'];
export const MAX_SUGGESTIONS = 20;

/**
 * Words (runs of letters, marks and digits) and single punctuation marks; spaces only separate.
 * Keeping punctuation as tokens is what stops "Magnus Bane/Alec Lightwood" from matching
 * "Magnus Bane, Alec Lightwood", and makes every match whole-word by construction.
 */
const TOKEN = /[\p{L}\p{M}\p{N}]+|[^\s\p{L}\p{M}\p{N}]/gu;
export const tokenize = (text: string): string[] => text.toLowerCase().match(TOKEN) ?? [];

/**
 * Phrases grouped by their first token. Scanning the text once and looking each token up in a
 * Map costs O(tokens × phrases sharing that first word), instead of one regex pass per tag.
 */
export function buildMatcher(names: ReadonlyArray<{ name: string; tagId: number }>) {
  const byFirst = new Map<string, Phrase[]>();
  for (const { name, tagId } of names) {
    const tokens = tokenize(name);
    if (tokens.length === 0) continue;
    const list = byFirst.get(tokens[0]!);
    if (list) list.push({ tokens, tagId });
    else byFirst.set(tokens[0]!, [{ tokens, tagId }]);
  }
  return byFirst;
}

/** How many times each tag's names occur in the text (a tag counts once per position). */
export function countMatches(matcher: Map<string, Phrase[]>, text: string): Map<number, number> {
  const tokens = tokenize(text);
  const counts = new Map<number, number>();
  for (let i = 0; i < tokens.length; i++) {
    const candidates = matcher.get(tokens[i]!);
    if (!candidates) continue;
    const here = new Set<number>();
    for (const p of candidates) {
      if (here.has(p.tagId) || !startsAt(tokens, i, p.tokens)) continue;
      here.add(p.tagId);
      counts.set(p.tagId, (counts.get(p.tagId) ?? 0) + 1);
    }
  }
  return counts;
}

function startsAt(tokens: readonly string[], at: number, phrase: readonly string[]): boolean {
  if (at + phrase.length > tokens.length) return false;
  for (let j = 1; j < phrase.length; j++) if (tokens[at + j] !== phrase[j]) return false;
  return true;
}

/**
 * Canonical fandoms, characters and relationships named in a text (by their own name or a
 * synonym's, in full), most mentioned first. Reads only.
 */
export async function suggestTags(db: Kysely<DB>, text: string): Promise<Suggestion[]> {
  const { canonical, synonyms } = await canonicalNames(db, SUGGESTED_TYPES);
  const matcher = buildMatcher([
    ...canonical.map((t) => ({ name: t.name, tagId: t.id })),
    ...synonyms.map((s) => ({ name: s.name, tagId: s.canonicalId })),
  ]);
  const byId = new Map(canonical.map((t) => [t.id, t]));
  return [...countMatches(matcher, text)]
    .flatMap(([id, count]) => {
      const t = byId.get(id);
      return t ? [{ id, name: t.name, type: t.type, count }] : [];
    })
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name))
    .slice(0, MAX_SUGGESTIONS);
}
