import type { NextFunction, Request, Response } from 'express';

/**
 * At most `limit` requests of a route are past this point at once; the others wait here, before
 * their body is read, so a burst of 10 MB batches stays in the sockets instead of in the heap, and
 * the database sees a bounded number of bulk transactions. Throughput does not suffer: while one
 * batch waits on PostgreSQL another uses the CPU.
 */
export function concurrencyLimit(limit: number): (req: Request, res: Response, next: NextFunction) => void {
  let active = 0;
  const waiting: Array<() => void> = [];
  const release = (): void => {
    active--;
    waiting.shift()?.();
  };
  return (_req, res, next) => {
    const start = (): void => {
      active++;
      let released = false;
      const done = (): void => {
        if (released) return;
        released = true;
        release();
      };
      res.once('finish', done);
      res.once('close', done);
      next();
    };
    if (active < limit) start();
    else waiting.push(start);
  };
}
