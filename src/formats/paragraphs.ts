const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Turns pasted plain text into HTML paragraphs. Writers paste with either blank lines or
 * single line breaks between paragraphs, so every non-blank line is a paragraph.
 */
export function textToParagraphs(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => `<p>${line.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch)}</p>`)
    .join('\n');
}
