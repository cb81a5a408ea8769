import type { ConsumeMessage } from 'amqplib';

import { AckTracker } from './ack-tracker.js';

const msg = (tag: number) => ({ fields: { deliveryTag: tag } }) as unknown as ConsumeMessage;

function setup() {
  const sent: string[] = [];
  const tracker = new AckTracker({
    ack: (m: ConsumeMessage, multiple?: boolean) =>
      void sent.push(`ack ${m.fields.deliveryTag}${multiple ? '+' : ''}`),
    nack: (m: ConsumeMessage) => void sent.push(`nack ${m.fields.deliveryTag}`),
  });
  const delivered = (from: number, to: number) => {
    const msgs = [];
    for (let t = from; t <= to; t++) {
      msgs.push(msg(t));
      tracker.delivered(msgs[msgs.length - 1]);
    }
    return msgs;
  };
  return { sent, tracker, delivered };
}

describe('acknowledging a channel with multiple acks', () => {
  it('acknowledges a batch with one frame', () => {
    const { sent, tracker, delivered } = setup();
    tracker.ack(delivered(1, 250));
    expect(sent).toEqual(['ack 250+']);
  });

  it('never covers a delivery still being answered: a later batch waits for the earlier one', () => {
    const { sent, tracker, delivered } = setup();
    const first = delivered(1, 3);
    const second = delivered(4, 6);
    tracker.ack(second);
    expect(sent).toEqual([]);
    tracker.ack(first);
    expect(sent).toEqual(['ack 6+']);
  });

  it('acknowledges up to the oldest undecided delivery only', () => {
    const { sent, tracker, delivered } = setup();
    const [a, b, c, d] = delivered(1, 4);
    tracker.ack([a, c]);
    expect(sent).toEqual(['ack 1+']);
    tracker.ack([d]);
    expect(sent).toEqual(['ack 1+']);
    tracker.ack([b]);
    expect(sent).toEqual(['ack 1+', 'ack 4+']);
  });

  it('requeues at once, one by one, and lets the others be acknowledged past it', () => {
    const { sent, tracker, delivered } = setup();
    const [a, b, c] = delivered(1, 3);
    tracker.ack([c]);
    tracker.requeue([a]);
    expect(sent).toEqual(['nack 1']);
    tracker.ack([b]);
    // Tag 1 is settled (requeued): the ack up to 3 covers only 2 and 3 on the broker.
    expect(sent).toEqual(['nack 1', 'ack 3+']);
  });
});
