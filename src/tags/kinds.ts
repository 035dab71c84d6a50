/** AO3's tag types. The first three have a fixed set of names; the rest are what writers type. */
export const TAG_TYPES = ['rating', 'warning', 'category', 'fandom', 'relationship', 'character', 'freeform'] as const;
export type TagType = (typeof TAG_TYPES)[number];

export const FREE_TAG_TYPES = ['fandom', 'relationship', 'character', 'freeform'] as const;
export type FreeTagType = (typeof FREE_TAG_TYPES)[number];

export const RATINGS = ['General Audiences', 'Teen And Up Audiences', 'Mature', 'Explicit', 'Not Rated'] as const;
export const WARNINGS = [
  'Choose Not To Use Archive Warnings',
  'No Archive Warnings Apply',
  'Graphic Depictions Of Violence',
  'Major Character Death',
  'Rape/Non-Con',
  'Underage Sex',
] as const;
export const CATEGORIES = ['Gen', 'F/M', 'M/M', 'F/F', 'Multi', 'Other'] as const;

export type Rating = (typeof RATINGS)[number];
export type Warning = (typeof WARNINGS)[number];
export type Category = (typeof CATEGORIES)[number];

export const TAG_TYPE_LABELS: Record<TagType, { one: string; many: string }> = {
  rating: { one: 'Rating', many: 'Ratings' },
  warning: { one: 'Archive Warning', many: 'Archive Warnings' },
  category: { one: 'Category', many: 'Categories' },
  fandom: { one: 'Fandom', many: 'Fandoms' },
  relationship: { one: 'Relationship', many: 'Relationships' },
  character: { one: 'Character', many: 'Characters' },
  freeform: { one: 'Additional Tag', many: 'Additional Tags' },
};

/** AO3's limit: fandoms, relationships, characters and additional tags together. */
export const MAX_FREE_TAGS = 75;
export const MAX_TAG_LENGTH = 150;
