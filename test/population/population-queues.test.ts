import { randomBytes } from 'node:crypto';
import amqp from 'amqplib';

import {
  declarePopulationQueues as declareQueues,
  POPULATION_QUEUE_ARGUMENTS,
} from '../../contracts/population/v1/index.js';

const AMQP_URL = process.env.TEST_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';

describe('population queues on the real broker', () => {
  const prefix = `popqueues-${randomBytes(4).toString('hex')}`;
  let connection: amqp.ChannelModel;

  beforeAll(async () => {
    connection = await amqp.connect(AMQP_URL);
  });

  afterAll(async () => {
    const ch = await connection.createChannel();
    for (const q of ['new', 'old']) await ch.deleteQueue(`${prefix}.${q}`);
    await connection.close();
  });

  it('declares new queues in the version-2 format', async () => {
    const warnings: string[] = [];
    await declareQueues(connection, [`${prefix}.new`], { warn: (m) => warnings.push(m) });
    expect(warnings).toEqual([]);
    // Declaring it again with the contract's arguments succeeds only if it has them (else 406).
    const ch = await connection.createChannel();
    await expect(
      ch.assertQueue(`${prefix}.new`, { durable: true, arguments: { ...POPULATION_QUEUE_ARGUMENTS } }),
    ).resolves.toMatchObject({ queue: `${prefix}.new` });
    await ch.close();
  });

  it('uses a queue declared earlier without the arguments as it is, with a warning, and keeps its messages', async () => {
    const ch = await connection.createConfirmChannel();
    await ch.assertQueue(`${prefix}.old`, { durable: true });
    ch.sendToQueue(`${prefix}.old`, Buffer.from('kept'), { persistent: true });
    await ch.waitForConfirms();
    const warnings: string[] = [];
    await expect(
      declareQueues(connection, [`${prefix}.old`], { warn: (m) => warnings.push(m) }),
    ).resolves.toBeUndefined();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`${prefix}.old`);
    const got = await ch.get(`${prefix}.old`, { noAck: true });
    expect(got && got.content.toString()).toBe('kept');
    await ch.close();
  });
});
