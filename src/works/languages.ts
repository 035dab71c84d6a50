/** Languages a work may be written in: BCP 47 code and the name readers know it by. */
export const LANGUAGES: ReadonlyArray<readonly [code: string, name: string]> = [
  ['ar', 'العربية'], ['bg', 'Български'], ['ca', 'Català'], ['cs', 'Čeština'], ['da', 'Dansk'],
  ['de', 'Deutsch'], ['el', 'Ελληνικά'], ['en', 'English'], ['eo', 'Esperanto'], ['es', 'Español'],
  ['fa', 'فارسی'], ['fi', 'Suomi'], ['fr', 'Français'], ['he', 'עברית'], ['hi', 'हिन्दी'],
  ['hu', 'Magyar'], ['id', 'Bahasa Indonesia'], ['it', 'Italiano'], ['ja', '日本語'], ['ko', '한국어'],
  ['nl', 'Nederlands'], ['no', 'Norsk'], ['pl', 'Polski'], ['pt-BR', 'Português brasileiro'],
  ['pt-PT', 'Português europeu'], ['ro', 'Română'], ['ru', 'Русский'], ['sv', 'Svenska'],
  ['th', 'ไทย'], ['tr', 'Türkçe'], ['uk', 'Українська'], ['vi', 'Tiếng Việt'],
  ['zh', '中文-普通话 國語'], ['zh-yue', '中文-广东话 粵語'],
];

const byCode = new Map(LANGUAGES.map(([code, name]) => [code, name]));
export const isLanguage = (code: string) => byCode.has(code);
export const languageName = (code: string) => byCode.get(code) ?? code;
