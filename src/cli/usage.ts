/** A mistake in how the command was called: printed as is, exit code 2. */
export class UsageError extends Error {}

export const USAGE = `Usage:
  quire serve                      start the archive (PORT, HOST, DATA_DIR, BASE_URL, DATABASE_URL)
  quire import FILE... --as LOGIN [--fandom F] [--title T] [--rating R] [--warning W]
               [--category C] [--relationship R] [--character C] [--tag T] [--language L]
                                   post .txt, .html, AO3 HTML downloads and .epub files (a directory:
                                   each file in it) as works; --fandom is needed unless a file names its own
  quire reindex                    rebuild the full-text search index of every work
  quire copy [--from URL] --to URL copy the whole archive into an empty database (default
                                   --from: DATABASE_URL), checking every table's row count
  quire backup FILE                back up the archive while it serves (SQLite online backup,
                                   or pg_dump custom format for PostgreSQL)
  quire restore FILE [--force]     restore a backup into DATABASE_URL; it must hold no archive
                                   unless --force (stop the archive first when forcing)
  quire export DIR [--with-passwords]
                                   write the archive into a new directory as JSON Lines with a
                                   manifest, while it serves; passwords only when asked
  quire import-archive DIR         load such an export into DATABASE_URL, which must hold no archive
`;
