import { z } from 'zod';

/** How a reader wants text shown; every page's /reader.css is drawn from this. */
export const readerSettingsSchema = z.object({
  theme: z.enum(['auto', 'light', 'dark']),
  font: z.enum(['serif', 'sans']),
  size: z.enum(['90', '100', '115', '130', '150', '175']),
  width: z.enum(['narrow', 'normal', 'wide']),
});

export type ReaderSettings = z.infer<typeof readerSettingsSchema>;

export const DEFAULT_READER_SETTINGS: ReaderSettings = { theme: 'auto', font: 'serif', size: '100', width: 'normal' };

export const THEMES = [['auto', 'As my device is set'], ['light', 'Light'], ['dark', 'Dark']] as const;
export const FONTS = [['serif', 'Serif'], ['sans', 'Sans serif']] as const;
export const SIZES = [['90', 'Smaller (90%)'], ['100', 'Normal'], ['115', 'Larger (115%)'], ['130', 'Large (130%)'], ['150', 'Very large (150%)'], ['175', 'Largest (175%)']] as const;
export const WIDTHS = [['narrow', 'Narrow (55 characters)'], ['normal', 'Normal (70 characters)'], ['wide', 'Wide (90 characters)']] as const;

/** Settings as kept in the cookie and the users table: a compact JSON object. */
export const encodeSettings = (s: ReaderSettings) => JSON.stringify(s);

/** Anything unreadable (an old or hand-edited cookie) falls back to the defaults. */
export function decodeSettings(raw: string | null | undefined): ReaderSettings {
  if (!raw) return DEFAULT_READER_SETTINGS;
  try {
    const parsed = readerSettingsSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : DEFAULT_READER_SETTINGS;
  } catch {
    return DEFAULT_READER_SETTINGS;
  }
}
