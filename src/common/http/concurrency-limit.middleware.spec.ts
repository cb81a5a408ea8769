import { EventEmitter } from 'node:events';
import type { Request, Response } from 'express';
import { concurrencyLimit } from './concurrency-limit.middleware.js';

describe('concurrency limit', () => {
  it('lets `limit` requests through and the next one when one finishes or its client goes away', () => {
    const limit = concurrencyLimit(2);
    const responses = [1, 2, 3, 4].map(() => new EventEmitter() as unknown as Response);
    const started: number[] = [];
    responses.forEach((res, i) => limit({} as Request, res, () => started.push(i)));
    expect(started).toEqual([0, 1]);
    (responses[0] as unknown as EventEmitter).emit('finish');
    (responses[0] as unknown as EventEmitter).emit('close'); // both events fire: released once
    expect(started).toEqual([0, 1, 2]);
    (responses[1] as unknown as EventEmitter).emit('close');
    expect(started).toEqual([0, 1, 2, 3]);
  });
});
