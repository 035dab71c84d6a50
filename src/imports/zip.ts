import { Unzip, UnzipInflate, unzipSync } from 'fflate';

export const ZIP_LIMITS = { maxEntries: 2000, maxTotalBytes: 50 * 1024 * 1024 };
/** Compressed input is fed this much at a time, so one step can inflate at most ~1,000 times it. */
const FEED = 16 * 1024;

export type ZipResult = { ok: true; files: Map<string, Uint8Array> } | { ok: false; message: string };

/** A name that would land outside the folder it is unpacked in, or is not a plain relative path. */
function unsafeName(name: string): boolean {
  return name.includes('\0') || name.includes('\\') || name.startsWith('/') || /^[A-Za-z]:/.test(name)
    || name.split('/').some((part) => part === '..');
}

/**
 * Unpacks a zip in memory, refusing archives that would hurt the server: too many entries,
 * more than the size limit once inflated (checked against the directory's declared sizes, and
 * again while inflating, since a zip bomb can lie about them), and names with .. or absolute paths.
 */
export function readZip(bytes: Uint8Array, limits = ZIP_LIMITS): ZipResult {
  const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
  const declared = new Map<string, number>();
  let declaredTotal = 0;
  let problem: string | null = null;
  try {
    unzipSync(bytes, {
      filter(file) {
        if (problem) return false;
        if (unsafeName(file.name)) problem = `contains a file named “${file.name.slice(0, 200)}”, which points outside the book; it was refused`;
        else if (declared.size >= limits.maxEntries) problem = `has more than ${limits.maxEntries} files`;
        else {
          declared.set(file.name, file.originalSize);
          declaredTotal += file.originalSize;
          if (declaredTotal > limits.maxTotalBytes) problem = `would unpack to more than ${mb(limits.maxTotalBytes)}; it was refused`;
        }
        return false;
      },
    });
  } catch {
    return { ok: false, message: 'is not a readable zip archive (it may be damaged or not an EPUB at all)' };
  }
  if (problem) return { ok: false, message: problem };

  const files = new Map<string, Uint8Array>();
  let total = 0;
  const unzip = new Unzip((file) => {
    if (problem) return;
    if (unsafeName(file.name) || !declared.has(file.name)) {
      problem = `contains a file (“${file.name.slice(0, 200)}”) its directory does not list; it was refused`;
      return;
    }
    if (file.name.endsWith('/')) return;
    const chunks: Uint8Array[] = [];
    let size = 0;
    file.ondata = (err, data, final) => {
      if (problem) return;
      if (err) {
        problem = `has a damaged file (“${file.name.slice(0, 200)}”)`;
        return;
      }
      size += data.length;
      total += data.length;
      if (total > limits.maxTotalBytes || size > declared.get(file.name)!) {
        problem = `unpacks to more than it declares (a zip bomb?); it was refused`;
        file.terminate();
        return;
      }
      chunks.push(data);
      if (final) files.set(file.name, concat(chunks, size));
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    for (let at = 0; at < bytes.length && !problem; at += FEED) unzip.push(bytes.subarray(at, at + FEED), at + FEED >= bytes.length);
  } catch {
    return { ok: false, message: 'is not a readable zip archive (it may be damaged)' };
  }
  if (problem) return { ok: false, message: problem };
  return { ok: true, files };
}

function concat(chunks: Uint8Array[], size: number) {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
