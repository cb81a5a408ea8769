import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy in front of a database server that can drop the connection in the middle of a result:
 * `cutAfter(n)` lets n more bytes through from the server, then destroys both sides.
 */
export class TcpCutProxy {
  private server?: Server;
  private readonly pairs = new Set<[Socket, Socket]>();
  private budget: number | undefined;
  cuts = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async start(): Promise<number> {
    this.server = createServer((client) => {
      const upstream = connect(this.targetPort, this.targetHost);
      const pair: [Socket, Socket] = [client, upstream];
      this.pairs.add(pair);
      const end = (): void => {
        client.destroy();
        upstream.destroy();
        this.pairs.delete(pair);
      };
      client.on('error', end).on('close', end);
      upstream.on('error', end).on('close', end);
      client.on('data', (chunk: Buffer) => upstream.write(chunk));
      upstream.on('data', (chunk: Buffer) => {
        if (this.budget === undefined) {
          client.write(chunk);
          return;
        }
        const allowed = Math.min(this.budget, chunk.length);
        this.budget -= allowed;
        if (allowed > 0) client.write(chunk.subarray(0, allowed));
        if (this.budget === 0) {
          this.budget = undefined;
          this.cuts++;
          // Written bytes first, then the reset: the client sees a result that stops half-way.
          client.end(() => end());
          upstream.destroy();
        }
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    if (address === null || typeof address === 'string') throw new Error('proxy has no port');
    return address.port;
  }

  cutAfter(bytes: number): void {
    this.budget = bytes;
  }

  async stop(): Promise<void> {
    for (const [a, b] of this.pairs) {
      a.destroy();
      b.destroy();
    }
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
