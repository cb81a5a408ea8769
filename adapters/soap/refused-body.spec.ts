import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Request, Response } from 'express';
import { answerAfterRefusedBody } from './refused-body.js';
import { writeChunks } from '../../test/support/write-chunks.js';

/** A server that refuses every body at once, before reading it, as the SOAP endpoint does. */
async function refusingServer(limits: { maxBytes: number; maxMs: number }): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    answerAfterRefusedBody(
      req as Request,
      res as unknown as Response,
      () => {
        res.statusCode = 500;
        res.end('<fault/>');
      },
      limits,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

interface Outcome {
  status?: number;
  body: string;
  error?: string;
}

/** Streams `megabytes` of body (all of it, whatever the answer), and reports what came back. */
function stream(server: http.Server, megabytes: number): Promise<Outcome> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve) => {
    const outcome: Outcome = { body: '' };
    const req = http.request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      headers: { 'Transfer-Encoding': 'chunked' },
    });
    req.on('response', (res) => {
      outcome.status = res.statusCode;
      res.setEncoding('utf8');
      res.on('data', (c: string) => (outcome.body += c));
    });
    req.on('error', (e: NodeJS.ErrnoException) => {
      outcome.error = e.code ?? e.message;
      resolve(outcome);
    });
    req.on('close', () => resolve(outcome));
    writeChunks(req, Buffer.alloc(256 * 1024, 0x61), megabytes * 4);
  });
}

describe('closing after a refused body', () => {
  it('reads the rest off, so that a client still sending gets the answer, then closes', async () => {
    // Closing as soon as the answer was written (the former way) failed this with EPIPE or a reset.
    const server = await refusingServer({ maxBytes: 64 * 1024 * 1024, maxMs: 10_000 });
    try {
      for (let i = 0; i < 5; i++) {
        const outcome = await stream(server, 20);
        expect(outcome).toEqual({ status: 500, body: '<fault/>' });
      }
    } finally {
      server.close();
    }
  });

  it('cuts a body that goes on past the bounds off', async () => {
    const server = await refusingServer({ maxBytes: 1024 * 1024, maxMs: 10_000 });
    try {
      const outcome = await stream(server, 200);
      expect(outcome.error).toMatch(/EPIPE|ECONNRESET/);
    } finally {
      server.close();
    }
  });
});
