import { parseArgs } from 'node:util';
import { expandPaths } from '../imports/readSource.js';
import { importWorks } from '../imports/importWorks.js';
import { openArchive } from './open.js';
import { progressBar } from './progress.js';
import { UsageError } from './usage.js';

export async function importCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      as: { type: 'string' },
      title: { type: 'string' },
      fandom: { type: 'string', multiple: true },
      rating: { type: 'string' },
      warning: { type: 'string', multiple: true },
      category: { type: 'string', multiple: true },
      relationship: { type: 'string', multiple: true },
      character: { type: 'string', multiple: true },
      tag: { type: 'string', multiple: true },
      language: { type: 'string' },
    },
  });
  if (positionals.length === 0) throw new UsageError('Name at least one file or directory to import.');
  if (!values.as) throw new UsageError('Say whose works these are with --as LOGIN.');
  // AO3 downloads and EPUBs may name their fandoms; a file without one is refused when checked.

  const { files, missing } = await expandPaths(positionals);
  if (missing.length > 0) throw new UsageError(`No such file or directory: ${missing.join(', ')}`);
  if (files.length === 0) throw new UsageError('There are no .txt, .html or .epub files to import there.');

  const services = await openArchive();
  try {
    const bar = progressBar(files.length);
    const outcome = await importWorks(services, files, {
      as: values.as, title: values.title, fandoms: values.fandom ?? [], rating: values.rating, warnings: values.warning ?? [],
      categories: values.category ?? [], relationships: values.relationship ?? [], characters: values.character ?? [],
      tags: values.tag ?? [], language: values.language,
    }, (file, workId, done) => {
      process.stdout.write(`${services.config.baseUrl}/works/${workId}\t${file}\n`);
      bar.update(done);
    });
    if (!outcome.ok) {
      for (const p of outcome.problems) process.stderr.write(`quire import: ${p.file}: ${p.message}\n`);
      process.stderr.write('Nothing was imported from the files above.\n');
      return 1;
    }
    return 0;
  } finally {
    await services.close();
  }
}
