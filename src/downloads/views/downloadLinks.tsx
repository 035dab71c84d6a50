import { downloadPath, FORMATS, type Format } from '../paths.js';

const LABELS: Record<Format, string> = { epub: 'EPUB', html: 'HTML', txt: 'Text', pdf: 'PDF' };

/** The same for every reader, so it belongs in the shared, cached part of a work page. */
export function DownloadLinks({ work }: { work: { id: number; title: string; status: string } }) {
  if (work.status !== 'posted') return null;
  return (
    <nav class="downloads" aria-label="Download">
      <span>Download:</span>
      <ul class="commas">
        {FORMATS.map((f) => <li><a href={downloadPath(work, f)} download>{LABELS[f]}</a></li>)}
      </ul>
    </nav>
  );
}
