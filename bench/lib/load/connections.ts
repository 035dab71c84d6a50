/**
 * A small HTTP/1.1 keep-alive client for the load generators. Node's `http.request` costs a
 * few hundred microseconds of CPU a request (an agent, a request and a response object, header
 * objects, streams); on a two-core machine that CPU is taken from the server being measured,
 * and the generator's own event loop, busy with it, delays reading answers and so inflates the
 * latencies it reports. Here a request is one prebuilt string written to a kept-alive socket,
 * and an answer is read only as far as its status and where it ends (Content-Length or chunked).
 */
import net from 'node:net';

export type Sent = { method: 'GET' | 'POST'; path: string; headers?: Record<string, string>; body?: string };
/** The status, or the transport error (closed, refused, timed out) when there is none. */
export type Answer = { status: number; error: null } | { status: 0; error: string };
type Waiting = (a: Answer) => void;

const CRLF_CRLF = Buffer.from('\r\n\r\n');

/** Where a response ends, read incrementally from the bytes as they arrive. */
class ResponseReader {
  private head: Buffer = Buffer.alloc(0);
  private status = 0;
  /** Body bytes still to come (Content-Length; unused when chunked). */
  private remaining = 0;
  private chunked = false;
  /** Chunked: the bytes of an unfinished size line. */
  private line = '';
  /** Chunked: the data (plus its CRLF) of the current chunk still to skip. */
  private skip = 0;
  private inBody = false;
  /** Chunked: the last chunk was seen; what remains is the trailer up to an empty line. */
  private trailer = false;
  keepAlive = true;

  /** Feeds bytes; returns the status once a whole response has been read. */
  feed(data: Buffer): number | null {
    let at = 0;
    if (!this.inBody) {
      const joined = this.head.length ? Buffer.concat([this.head, data]) : data;
      const end = joined.indexOf(CRLF_CRLF);
      if (end < 0) {
        this.head = joined;
        return null;
      }
      const head = joined.toString('latin1', 0, end);
      at = end + 4 - this.head.length;
      this.head = Buffer.alloc(0);
      this.status = Number(head.slice(9, 12));
      const lower = head.toLowerCase();
      this.keepAlive = !/\r\nconnection:\s*close/.test(lower);
      this.chunked = /\r\ntransfer-encoding:\s*chunked/.test(lower);
      const length = /\r\ncontent-length:\s*(\d+)/.exec(lower);
      this.remaining = length ? Number(length[1]) : 0;
      this.inBody = true;
      this.line = '';
      this.skip = 0;
      this.trailer = false;
    }
    if (!this.chunked) {
      const take = Math.min(this.remaining, data.length - at);
      this.remaining -= take;
      at += take;
      return this.remaining === 0 ? this.done() : null;
    }
    while (at < data.length) {
      if (this.skip > 0) {
        const take = Math.min(this.skip, data.length - at);
        this.skip -= take;
        at += take;
        continue;
      }
      const nl = data.indexOf(10, at);
      if (nl < 0) {
        this.line += data.toString('latin1', at);
        return null;
      }
      const line = (this.line + data.toString('latin1', at, nl)).trim();
      this.line = '';
      at = nl + 1;
      if (this.trailer) {
        if (line === '') return this.done();
        continue;
      }
      const size = parseInt(line, 16);
      if (size === 0) this.trailer = true;
      else this.skip = size + 2;
    }
    return null;
  }

  private done() {
    this.inBody = false;
    return this.status;
  }
}

class Connection {
  readonly socket: net.Socket;
  private waiting: Waiting | null = null;
  private reader = new ResponseReader();
  private timer: NodeJS.Timeout | null = null;
  closed = false;
  idleSince = 0;

  constructor(host: string, port: number, private readonly onIdle: (c: Connection) => void, private readonly onClosed: (c: Connection) => void) {
    this.socket = net.connect({ host, port, noDelay: true });
    this.socket.on('data', (d: Buffer) => this.data(d));
    this.socket.on('error', (e) => this.close(e.message));
    this.socket.on('close', () => this.close('connection closed'));
  }

  send(wire: string, timeoutMs: number, waiting: Waiting) {
    this.waiting = waiting;
    this.timer = setTimeout(() => this.close(`no answer within ${timeoutMs} ms`), timeoutMs);
    this.socket.write(wire, 'latin1');
  }

  private data(d: Buffer) {
    const status = this.reader.feed(d);
    if (status === null) return;
    const waiting = this.waiting;
    this.settle();
    waiting?.({ status, error: null });
    if (!this.reader.keepAlive) this.close('connection closed');
    else if (!this.closed) this.onIdle(this);
  }

  private settle() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.waiting = null;
  }

  close(reason: string) {
    if (this.closed) return;
    this.closed = true;
    const waiting = this.waiting;
    this.settle();
    this.socket.destroy();
    this.onClosed(this);
    waiting?.({ status: 0, error: reason });
  }
}

/** Kept-alive connections to one server, opened as needed; the most recently used is reused first. */
export class ConnectionPool {
  private readonly idle: Connection[] = [];
  private readonly all = new Set<Connection>();
  private readonly host: string;
  private readonly port: number;

  constructor(baseUrl: string, private readonly timeoutMs = 10_000) {
    const url = new URL(baseUrl);
    this.host = url.hostname;
    this.port = Number(url.port || 80);
  }

  request(r: Sent, answered: Waiting) {
    const head = [`${r.method} ${r.path} HTTP/1.1`, `host: ${this.host}:${this.port}`];
    for (const [k, v] of Object.entries(r.headers ?? {})) head.push(`${k}: ${v}`);
    if (r.body !== undefined) head.push(`content-length: ${Buffer.byteLength(r.body, 'latin1')}`);
    const wire = `${head.join('\r\n')}\r\n\r\n${r.body ?? ''}`;
    this.take().send(wire, this.timeoutMs, answered);
  }

  /**
   * An idle connection, or a new one. Those idle for 4 s are dropped rather than reused: the
   * server closes them at 5 s, and a request written as it does would fail on the client's race.
   */
  private take() {
    const now = performance.now();
    for (let c = this.idle.pop(); c; c = this.idle.pop()) {
      if (now - c.idleSince < 4_000) return c;
      c.close('idle');
    }
    return this.open();
  }

  private open() {
    const c = new Connection(this.host, this.port, (x) => {
      x.idleSince = performance.now();
      this.idle.push(x);
    }, (x) => {
      this.all.delete(x);
      const i = this.idle.indexOf(x);
      if (i >= 0) this.idle.splice(i, 1);
    });
    this.all.add(c);
    return c;
  }

  close() {
    for (const c of [...this.all]) c.close('pool closed');
  }
}
