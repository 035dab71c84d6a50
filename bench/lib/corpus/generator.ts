/**
 * Making works, in chunks, away from the database writer: a worker thread runs this while the
 * main thread inserts, so generation (and, with --text, prose) uses the second core.
 * The sequence is the same however it is chunked or run, so the corpus depends on the seed only.
 */
import { Worker } from 'node:worker_threads';
import { Archive, type Cast, type CastInfo, type FixedTags, type TagRow } from './archive.js';
import { mixSeed, Rng } from './distributions.js';
import { Prose } from './prose.js';
import { WorkMaker, type Work } from './works.js';

export type GeneratorInit = {
  works: number;
  seed: number;
  text: boolean;
  fixed: FixedTags;
  takenNames: string[];
  firstTagId: number;
};

export type Chunk = { works: Work[]; newTags: TagRow[] };

export type Message =
  | { type: 'cast'; cast: Cast; info: CastInfo }
  | { type: 'chunk'; chunk: Chunk }
  | { type: 'done'; tags: number };

/** Works a chunk; with --text a chunk also ends after ~8 MB of prose. */
const CHUNK_WORKS = 1000;
const CHUNK_TEXT_BYTES = 8_000_000;
/** Chunks made ahead of the writer: enough to keep it busy, few enough to bound memory. */
const CHUNKS_AHEAD = 4;

/** Makes the cast, then chunks on demand. `post` receives every message in order. */
export class Producer {
  private readonly archive: Archive;
  private readonly prose = new Prose();
  private readonly maker: WorkMaker;
  private next = 1;

  constructor(private readonly init: GeneratorInit) {
    this.archive = new Archive({
      works: init.works, seed: init.seed, fixed: init.fixed, takenNames: init.takenNames, firstTagId: init.firstTagId,
    });
    this.maker = new WorkMaker(this.archive, this.prose, init.seed);
  }

  castMessage(): Message {
    return { type: 'cast', cast: this.archive.cast(), info: this.archive.info() };
  }

  /** The next chunk, or the final message once every work is made. */
  nextMessage(): Message {
    const { works, seed, text } = this.init;
    if (this.next > works) return { type: 'done', tags: this.archive.tags.length };
    const out: Work[] = [];
    let bytes = 0;
    while (this.next <= works && out.length < CHUNK_WORKS && bytes < CHUNK_TEXT_BYTES) {
      const w = this.maker.next(this.next++);
      if (text) {
        // Each chapter's text has its own stream, so text never shifts the other columns.
        const textRng = (i: number) => new Rng(mixSeed(seed, 0x7e47, w.id), i + 1);
        w.bodies = w.chapterWords.map((n, i) => this.prose.html({ words: n, names: w.names }, textRng(i)));
        for (const b of w.bodies) bytes += b.length;
      }
      out.push(w);
    }
    const newTags = this.archive.pendingTags.splice(0);
    return { type: 'chunk', chunk: { works: out, newTags } };
  }
}

/**
 * The messages of a Producer running in a worker thread, in order, with at most CHUNKS_AHEAD
 * chunks waiting. Falls back to this thread if a worker cannot start.
 */
export async function* generate(init: GeneratorInit): AsyncGenerator<Message> {
  let worker: Worker;
  try {
    worker = startWorker(init);
  } catch {
    yield* inline(init);
    return;
  }
  const queue: Message[] = [];
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const signal = () => {
    wake?.();
    wake = null;
  };
  worker.on('message', (m: Message) => {
    queue.push(m);
    signal();
  });
  worker.on('error', (err) => {
    failure = err;
    signal();
  });
  worker.on('exit', (code) => {
    if (code !== 0 && !failure) failure = new Error(`corpus generator thread exited with code ${code}`);
    signal();
  });
  try {
    for (;;) {
      while (queue.length === 0) {
        if (failure) throw failure;
        await new Promise<void>((resolve) => (wake = resolve));
      }
      const m = queue.shift()!;
      if (m.type === 'chunk') worker.postMessage('more');
      yield m;
      if (m.type === 'done') return;
    }
  } finally {
    await worker.terminate();
  }
}

function* inline(init: GeneratorInit): Generator<Message> {
  const p = new Producer(init);
  yield p.castMessage();
  for (;;) {
    const m = p.nextMessage();
    yield m;
    if (m.type === 'done') return;
  }
}

function startWorker(init: GeneratorInit): Worker {
  // Under tsx the worker must register tsx itself before it can load a .ts module.
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./worker.ts', import.meta.url).href;
  const code = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(code, { eval: true, workerData: { init, ahead: CHUNKS_AHEAD } });
}
