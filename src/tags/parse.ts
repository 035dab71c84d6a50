/**
 * Writers type tags comma-separated. Whitespace runs fold to one space, and a name given
 * twice (in any case) counts once, keeping the first spelling.
 */
export function parseTagList(input: string): string[] {
  const seen = new Set<string>();
  const names: string[] = [];
  for (const part of input.split(',')) {
    const name = part.replace(/\s+/g, ' ').trim();
    const key = name.toLowerCase();
    if (name && !seen.has(key)) {
      seen.add(key);
      names.push(name);
    }
  }
  return names;
}

export const tagKey = (name: string) => name.toLowerCase();
