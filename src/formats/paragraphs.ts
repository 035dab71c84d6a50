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

const BLOCK = /<(p|div|br|blockquote|ul|ol|dl|h[1-6]|table|pre|details|hr|center|figure)\b/i;

/**
 * HTML typed without any block markup (a summary on several lines, say) gets a paragraph per
 * line, as AO3 does; HTML that already has structure is left as the writer made it.
 * The result still goes through the sanitizer.
 */
export function addParagraphs(html: string): string {
  if (BLOCK.test(html)) return html;
  return html
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => `<p>${line}</p>`)
    .join('\n');
}
