/**
 * The load generators' HTTP client reads each answer to its end however the server frames it
 * and however the bytes are split, reuses connections, and reports a dropped one as an error.
 */
import net from 'node:net';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionPool, type Answer, type Sent } from '../../bench/lib/load/connections.js';

const ask = (pool: ConnectionPool, r: Sent) => new Promise<Answer>((resolve) => pool.request(r, resolve));
const listen = async (server: net.Server) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

describe('ConnectionPool over a Node HTTP server', () => {
  const seen: { method: string; url: string; body: string; ip: string; socket: net.Socket }[] = [];
  let server: http.Server;
  let baseUrl: string;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        seen.push({ method: req.method!, url: req.url!, body, ip: String(req.headers['x-real-ip'] ?? ''), socket: req.socket });
        if (req.url === '/chunked') {
          res.writeHead(200, { 'content-type': 'text/plain' });
          res.write('a'.repeat(70_000));
          setTimeout(() => res.end('tail'), 5);
        } else if (req.url === '/redirect') {
          res.writeHead(303, { location: '/', 'content-length': 0 }).end();
        } else {
          res.end('x'.repeat(200_000));
        }
      });
    });
    baseUrl = await listen(server);
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('reads sized, chunked and empty answers, sends headers and bodies, and reuses one connection', async () => {
    const pool = new ConnectionPool(baseUrl);
    expect(await ask(pool, { method: 'GET', path: '/big', headers: { 'x-real-ip': '10.0.0.1' } })).toEqual({ status: 200, error: null });
    expect(await ask(pool, { method: 'GET', path: '/chunked' })).toEqual({ status: 200, error: null });
    expect(await ask(pool, { method: 'POST', path: '/redirect', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '_csrf=abc%2B' })).toEqual({ status: 303, error: null });
    pool.close();
    const last = seen.slice(-3);
    expect(last.map((s) => [s.method, s.url, s.body, s.ip])).toEqual([
      ['GET', '/big', '', '10.0.0.1'], ['GET', '/chunked', '', ''], ['POST', '/redirect', '_csrf=abc%2B', ''],
    ]);
    expect(new Set(last.map((s) => s.socket)).size).toBe(1);
  });

  it('opens a connection per request in flight', async () => {
    const pool = new ConnectionPool(baseUrl);
    const before = seen.length;
    const answers = await Promise.all(Array.from({ length: 5 }, () => ask(pool, { method: 'GET', path: '/chunked' })));
    pool.close();
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(new Set(seen.slice(before).map((s) => s.socket)).size).toBe(5);
  });
});

describe('ConnectionPool over raw sockets', () => {
  it('reads an answer split anywhere, byte by byte, chunk extensions and trailers included', async () => {
    const answer = 'HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\nX-A: b\r\n\r\n5;ext=1\r\nhello\r\n10\r\n0123456789abcdef\r\n0\r\nTrailer: x\r\n\r\n';
    const server = net.createServer((s) => s.on('data', async () => {
      for (const ch of answer) {
        s.write(ch);
        await new Promise((r) => setImmediate(r));
      }
    }));
    const pool = new ConnectionPool(await listen(server));
    expect(await ask(pool, { method: 'GET', path: '/' })).toEqual({ status: 201, error: null });
    expect(await ask(pool, { method: 'GET', path: '/' })).toEqual({ status: 201, error: null });
    pool.close();
    server.close();
  });

  it('reports a connection dropped mid-answer, and an answer that never comes, as errors', async () => {
    const server = net.createServer((s) => s.once('data', (d) => {
      if (d.toString().startsWith('GET /drop')) s.end('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort');
    }));
    const pool = new ConnectionPool(await listen(server), 200);
    expect(await ask(pool, { method: 'GET', path: '/drop' })).toEqual({ status: 0, error: 'connection closed' });
    expect(await ask(pool, { method: 'GET', path: '/silent' })).toEqual({ status: 0, error: 'no answer within 200 ms' });
    pool.close();
    server.close();
  });
});
