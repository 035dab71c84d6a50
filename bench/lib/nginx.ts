import { chmod, copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { freePort, waitForHttp } from './net.js';
import { captureOutput, startChild, stopChild, tempDir } from './processes.js';

export const NGINX = '/usr/sbin/nginx';

export type RunningNginx = { baseUrl: string; port: number; dir: string; stop: () => Promise<void> };

/**
 * nginx.conf for one worker (like Quire's one process) serving files from `root` as text/html,
 * no gzip, no access log. Keep-alive connections are not cut after 1,000 requests (the
 * default), since Node's server never cuts them either.
 */
export function nginxConf(dir: string, root: string, port: number): string {
  const p = (name: string) => path.join(dir, name);
  return `worker_processes 1;
daemon off;
pid ${p('nginx.pid')};
error_log ${p('error.log')} warn;
events { worker_connections 1024; }
http {
  access_log off;
  types {}
  default_type text/html;
  charset utf-8;
  gzip off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  client_body_temp_path ${p('tmp/body')};
  proxy_temp_path ${p('tmp/proxy')};
  fastcgi_temp_path ${p('tmp/fastcgi')};
  uwsgi_temp_path ${p('tmp/uwsgi')};
  scgi_temp_path ${p('tmp/scgi')};
  server {
    listen 127.0.0.1:${port};
    root ${root};
  }
}
`;
}

/**
 * Starts nginx on a free loopback port serving copies of `files` (name → source path) from a
 * temp dir; resolves once it answers. Everything (pid, logs, temp files) stays in that dir.
 */
export async function startNginx(files: Record<string, string>): Promise<RunningNginx> {
  const dir = await tempDir('quire-bench-nginx-');
  const root = path.join(dir, 'www');
  await mkdir(root);
  await mkdir(path.join(dir, 'tmp'));
  // Workers drop to an unprivileged user when started as root: they must be able to read these.
  await chmod(dir, 0o755);
  await chmod(root, 0o755);
  for (const [name, source] of Object.entries(files)) {
    await copyFile(source, path.join(root, name));
    await chmod(path.join(root, name), 0o644);
  }
  const port = await freePort();
  const conf = path.join(dir, 'nginx.conf');
  await writeFile(conf, nginxConf(dir, root, port));

  const child = startChild(NGINX, ['-c', conf, '-p', dir, '-e', path.join(dir, 'error.log')], { cwd: dir });
  const output = captureOutput(child);
  const baseUrl = `http://127.0.0.1:${port}`;
  let onExit = (_code: number | null) => {};
  try {
    await Promise.race([
      waitForHttp(`${baseUrl}/`, 10_000),
      new Promise<never>((_, reject) => {
        onExit = (code) => reject(new Error(`nginx exited (code ${code}):\n${output()}`));
        child.once('exit', onExit);
      }),
    ]);
  } catch (err) {
    await stopChild(child);
    throw err;
  } finally {
    child.off('exit', onExit);
  }
  return { baseUrl, port, dir, stop: () => stopChild(child) };
}
