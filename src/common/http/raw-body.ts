import type { RawBodyRequest } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';

/** The bytes of a JSON body, kept by the body parser of an app created with `rawBody: true`. */
export function rawBodyOf(req: IncomingMessage): Buffer | undefined {
  const raw = (req as RawBodyRequest<IncomingMessage>).rawBody;
  return Buffer.isBuffer(raw) ? raw : undefined;
}
