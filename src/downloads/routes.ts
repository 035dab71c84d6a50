import { Hono } from 'hono';
import type { AppEnv } from '../web/env.js';
import { errorPage, notFound } from '../web/errorPage.js';
import { basicAuthOverTls } from '../feeds/basicAuth.js';
import { MissingFontsError } from './pdf.js';
import { CONTENT_TYPES, contentDisposition, isFormat } from './paths.js';

// Changes with each start, so a file made by older code is not taken for the new one.
const BUILD = Date.now().toString(36);

export function downloadRoutes() {
  const app = new Hono<AppEnv>();
  // E-reader apps fetch the EPUB links of the OPDS catalog with the same credentials.
  app.use('/downloads/*', basicAuthOverTls);

  app.get('/downloads/:id{[0-9]{1,15}}/:file', async (c) => {
    const m = /^[^/]*\.([a-z]+)$/.exec(c.req.param('file'));
    const format = m?.[1];
    if (!format || !isFormat(format)) return notFound(c);
    const workId = Number(c.req.param('id'));
    let file;
    try {
      file = await c.get('services').downloads.download(c.get('viewer'), workId, format);
    } catch (err) {
      if (err instanceof MissingFontsError) return errorPage(c, 503, 'PDF downloads are unavailable', 'This archive is missing the fonts PDF files are made with. Try EPUB, HTML or text instead.');
      throw err;
    }
    if (!file) return notFound(c);
    const etag = `"${BUILD}-${workId}-${file.version}-${format}"`;
    c.header('ETag', etag);
    c.header('Cache-Control', file.restricted ? 'private, no-cache' : 'no-cache');
    if (c.req.header('if-none-match') === etag) return c.body(null, 304);
    c.header('Content-Type', CONTENT_TYPES[format]);
    c.header('Content-Disposition', contentDisposition(file.title, workId, format));
    return c.body(file.bytes as Uint8Array<ArrayBuffer>);
  });

  return app;
}
