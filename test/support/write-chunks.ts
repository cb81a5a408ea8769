import type { Writable } from 'node:stream';

/** Writes `chunk` `count` times, waiting for 'drain' whenever the stream asks, then ends it. */
export function writeChunks(out: Writable, chunk: Buffer, count: number): void {
  let sent = 0;
  const pump = (): void => {
    while (sent < count) {
      sent++;
      if (!out.write(chunk)) {
        out.once('drain', pump);
        return;
      }
    }
    out.end();
  };
  pump();
}
