export const FORMATS = ['epub', 'html', 'txt', 'pdf'] as const;
export type Format = (typeof FORMATS)[number];
export const isFormat = (s: string): s is Format => (FORMATS as readonly string[]).includes(s);

export const CONTENT_TYPES: Record<Format, string> = {
  epub: 'application/epub+zip',
  html: 'text/html; charset=UTF-8',
  txt: 'text/plain; charset=UTF-8',
  pdf: 'application/pdf',
};

/** The title in Latin letters, digits and underscores (AO3's file names); "Work_<id>" when nothing is left. */
export function fileSlug(title: string, workId: number): string {
  const slug = title.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 60).replace(/_+$/, '');
  return slug || `Work_${workId}`;
}

export const downloadPath = (work: { id: number; title: string }, format: Format) =>
  `/downloads/${work.id}/${fileSlug(work.title, work.id)}.${format}`;

/**
 * Content-Disposition for a download: an ASCII name every client understands and the exact
 * title for those that read RFC 6266's filename*.
 */
export function contentDisposition(title: string, workId: number, format: Format): string {
  const exact = `${title.replace(/[\u0000-\u001f\u007f/\\:*?"<>|\s]+/g, ' ').trim().slice(0, 120) || `Work ${workId}`}.${format}`;
  return `attachment; filename="${fileSlug(title, workId)}.${format}"; filename*=UTF-8''${encodeURIComponent(exact)}`;
}
