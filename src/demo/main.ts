/**
 * `npm run demo`: Quire on a small generated archive, for a first look.
 *
 * The archive lives in DATA_DIR (default ./data-demo, never ./data), always as SQLite, so it
 * cannot mix with a real archive. The first start fills it (a few hundred sample works, about
 * half a minute) and makes a reader account; every start prints that account's password.
 */
import { archiveRows } from '../ops/archiveRows.js';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { openArchive } from '../cli/open.js';
import { serveCommand } from '../cli/serve.js';
import { DEMO_READER, seedSampleArchive } from './sampleArchive.js';

const SAMPLE_WORKS = 300;

async function main(): Promise<void> {
  process.env.DATA_DIR ??= 'data-demo';
  delete process.env.DATABASE_URL;
  const dataDir = path.resolve(process.env.DATA_DIR);
  // Written with the sample data: its presence says this archive is a demo one.
  const passwordFile = path.join(dataDir, 'demo-reader-password.txt');

  if (!existsSync(passwordFile)) {
    await mkdir(dataDir, { recursive: true });
    const services = await openArchive();
    try {
      if ((await archiveRows(services.database)) > 0) {
        throw new Error(`${dataDir} already holds an archive that is not a demo one; the demo fills only a fresh one. Set DATA_DIR to another directory.`);
      }
      process.stdout.write(`Generating a sample archive of ${SAMPLE_WORKS} works in ${dataDir} (generated sample data, invented from word lists)…\n`);
      const started = performance.now();
      const password = await seedSampleArchive(services, { works: SAMPLE_WORKS, seed: 1 });
      await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
      process.stdout.write(`Done in ${((performance.now() - started) / 1000).toFixed(1)} s.\n`);
    } finally {
      await services.close();
    }
  }
  const password = (await readFile(passwordFile, 'utf8')).trim();
  process.stdout.write(`\n  Demo reader account (sample data only):\n    login:    ${DEMO_READER}\n    password: ${password}\n\n`);
  await serveCommand();
}

main().catch((err: unknown) => {
  process.stderr.write(`demo: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
