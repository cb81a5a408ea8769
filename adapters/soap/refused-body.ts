import type { Request, Response } from 'express';

/** How much more of a refused body is read off, and for how long, before the answer is sent anyway. */
export interface LingerLimits {
  readonly maxBytes: number;
  readonly maxMs: number;
}

export const REFUSED_BODY_LINGER: LingerLimits = { maxBytes: 64 * 1024 * 1024, maxMs: 10_000 };

/**
 * Answers a request whose body was refused before all of it arrived (too large, malformed), and
 * closes its connection. The rest of the body is read off and thrown away first, not parsed: a
 * client still sending when the connection closed under it failed its next write (EPIPE, then a
 * reset) before it had read the answer, and never learnt why it was refused. Bounded: a body that
 * goes on past `maxBytes` more (or declares as much), or past `maxMs`, is answered at once and cut
 * off.
 */
export function answerAfterRefusedBody(
  req: Request,
  res: Response,
  answer: () => void,
  limits: LingerLimits = REFUSED_BODY_LINGER,
): void {
  let drained = 0;
  let answered = false;
  const respond = (bodyRead: boolean): void => {
    if (answered) return;
    answered = true;
    clearTimeout(timer);
    req.off('data', count);
    res.setHeader('Connection', 'close');
    answer();
    if (!bodyRead) res.once('finish', () => req.socket.destroy());
  };
  const count = (chunk: Buffer): void => {
    drained += chunk.length;
    if (drained > limits.maxBytes) respond(false);
  };
  const timer = setTimeout(() => respond(false), limits.maxMs);
  timer.unref();
  const declared = Number(req.headers['content-length']);
  if (declared > limits.maxBytes) {
    respond(false);
    return;
  }
  req.on('data', count);
  req.once('end', () => respond(true));
  req.once('error', () => respond(false));
  req.resume();
}
