/** The corpus generator thread: see generator.ts. */
import { parentPort, workerData } from 'node:worker_threads';
import { Producer, type GeneratorInit } from './generator.js';

const { init, ahead } = workerData as { init: GeneratorInit; ahead: number };
const port = parentPort!;
const producer = new Producer(init);
port.postMessage(producer.castMessage());

let credits = ahead;
let finished = false;
function produce() {
  while (credits > 0 && !finished) {
    const m = producer.nextMessage();
    port.postMessage(m);
    if (m.type === 'done') finished = true;
    else credits--;
  }
}
// The writer asks for one more chunk each time it takes one.
port.on('message', () => {
  credits++;
  produce();
});
produce();
