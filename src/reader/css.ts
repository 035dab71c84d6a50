import type { ReaderSettings } from './settings.js';

const MEASURE = { narrow: '55ch', normal: '70ch', wide: '90ch' } as const;
const FAMILY = { serif: 'Georgia, "Noto Serif", "Times New Roman", serif', sans: 'system-ui, "Noto Sans", "Helvetica Neue", Arial, sans-serif' } as const;
const PALETTE = ['bg', 'fg', 'muted', 'line', 'accent', 'accent-fg', 'panel', 'error', 'focus'] as const;

/**
 * The per-reader part of the style. The palettes live in quire.css as --light-* and --dark-*;
 * a chosen theme only points the working variables at one of them.
 */
export function readerCss(s: ReaderSettings): string {
  const rules = [`--measure: ${MEASURE[s.width]};`, `font-family: ${FAMILY[s.font]};`, `font-size: ${s.size}%;`];
  if (s.theme !== 'auto') {
    rules.push(`color-scheme: ${s.theme};`, ...PALETTE.map((name) => `--${name}: var(--${s.theme}-${name});`));
  }
  return `:root {\n  ${rules.join('\n  ')}\n}\n`;
}
