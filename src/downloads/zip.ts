import { Zip, ZipPassThrough, type ZipInputFile } from 'fflate';
import { crc32, deflateRawSync } from 'node:zlib';

export type ZipEntry = { name: string; data: Uint8Array; stored?: boolean };

/**
 * A ZIP archive in the order given, written by fflate. Entries are deflated by Node's native
 * zlib and handed to fflate as ready-made deflate streams: on a 500,000-word work that is
 * several times faster than fflate's own JavaScript deflate, and the EPUB is the same format.
 */
export function zipFiles(entries: ZipEntry[], mtime: Date): Uint8Array {
  const chunks: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((err, chunk) => {
    if (err) failure = err;
    else chunks.push(chunk);
  });
  for (const e of entries) {
    if (e.stored) {
      const file = new ZipPassThrough(e.name);
      file.mtime = mtime;
      zip.add(file);
      file.push(e.data, true);
      continue;
    }
    const file: ZipInputFile = { filename: e.name, size: e.data.length, crc: crc32(e.data), compression: 8, mtime };
    zip.add(file);
    file.ondata!(null, deflateRawSync(e.data, { level: 6 }), true);
  }
  zip.end();
  if (failure) throw failure;
  return Buffer.concat(chunks);
}
