import { ConfigError } from './config.js';
import { importCommand } from './cli/importCommand.js';
import { serveCommand } from './cli/serve.js';
import { reindexCommand } from './cli/reindexCommand.js';
import { copyCommand } from './cli/copyCommand.js';
import { backupCommand, restoreCommand } from './cli/backupCommands.js';
import { exportCommand, importArchiveCommand } from './cli/archiveCommands.js';
import { USAGE, UsageError } from './cli/usage.js';

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve':
      await serveCommand();
      return -1;
    case 'import':
      return importCommand(rest);
    case 'reindex':
      return reindexCommand();
    case 'copy':
      return copyCommand(rest);
    case 'backup':
      return backupCommand(rest);
    case 'restore':
      return restoreCommand(rest);
    case 'export':
      return exportCommand(rest);
    case 'import-archive':
      return importArchiveCommand(rest);
    case undefined:
    case 'help':
    case '--help':
      process.stdout.write(USAGE);
      return 0;
    default:
      throw new UsageError(`Unknown command "${command}".\n${USAGE}`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof UsageError || err instanceof ConfigError || (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS'))) {
      process.stderr.write(`quire: ${err.message}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`quire: ${err instanceof Error ? err.stack : String(err)}\n`);
      process.exitCode = 1;
    }
  },
);
