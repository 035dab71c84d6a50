import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * A Debian tool a test checks Quire's output with (epubcheck, jing, ebook-meta). Absent on a
 * developer's machine, its tests skip and say why; absent in CI (.ci/run installs it), they fail.
 */
export type Tool = { available: boolean; skipNote: string; run(args: string[], options?: { env?: NodeJS.ProcessEnv }): { status: number | null; output: string } };

export function tool(name: string, command: string[], debianPackage: string, installedAt?: string): Tool {
  const available = installedAt ? existsSync(installedAt) : spawnSync('sh', ['-c', `command -v ${command[0]}`]).status === 0;
  return {
    available: available || !!process.env.CI,
    skipNote: available ? '' : ` (skipped: ${name} not found; apt-get install ${debianPackage})`,
    run(args, options = {}) {
      const r = spawnSync(command[0]!, [...command.slice(1), ...args], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, ...options.env } });
      if (r.error) throw new Error(`${name} could not run: ${r.error.message}`);
      return { status: r.status, output: `${r.stdout}${r.stderr}` };
    },
  };
}

// Debian installs epubcheck as a bare jar at /usr/bin/epubcheck; a short-lived JVM starts faster without the optimising compiler.
export const epubcheck = tool('epubcheck', ['java', '-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-jar', '/usr/share/java/epubcheck.jar'], 'epubcheck', '/usr/share/java/epubcheck.jar');
export const jing = tool('jing', ['jing'], 'jing');
export const ebookMeta = tool('ebook-meta', ['ebook-meta'], 'calibre');
export const pdftotext = tool('pdftotext', ['pdftotext'], 'poppler-utils');
