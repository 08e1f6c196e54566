// Worker-thread entry of the people import's reading phase: runs readPersonRows and posts each
// event. It reads the next chunk while the main thread writes the last one, and posts it only
// once the main thread said "next": at most two chunks are in memory at a time.
import { parentPort, workerData } from 'node:worker_threads';
import { type KeyringJson, fieldCryptoOf } from '../../platform/crypto.ts';
import { type ReaderInput, readPersonRows } from './person-reader.ts';

const { keyring, input } = workerData as { keyring: KeyringJson; input: ReaderInput };
const port = parentPort;
if (!port) throw new Error('person-reader.worker.ts runs as a worker thread');

let release: (() => void) | null = null;
port.on('message', (message: string) => {
  if (message === 'next') {
    release?.();
    release = null;
  }
});

let written: Promise<void> = Promise.resolve();
for await (const event of readPersonRows(fieldCryptoOf(keyring), input)) {
  await written;
  if (event.type === 'chunk') {
    written = new Promise<void>((resolve) => {
      release = resolve;
    });
  }
  port.postMessage(event);
}
await written;
port.close();
