import type { ChannelModel } from 'amqplib';
import { POPULATION_QUEUE_ARGUMENTS } from './population-message-type.enum.js';

/**
 * Declares the queues as the contract says (POPULATION_QUEUE_ARGUMENTS), for the hub and the
 * simulator alike. A queue that already exists with other arguments (declared by an earlier version,
 * in the version-1 format) makes the broker close the channel with 406 PRECONDITION_FAILED: it is then
 * used as it is, with a warning, rather than refused; moving it to the new format is an operator's
 * step (README).
 */
export async function declarePopulationQueues(
  connection: ChannelModel,
  names: readonly string[],
  log: { warn(message: string): void },
): Promise<void> {
  for (const name of names) {
    const channel = await connection.createChannel();
    channel.on('error', () => undefined);
    try {
      await channel.assertQueue(name, { durable: true, arguments: { ...POPULATION_QUEUE_ARGUMENTS } });
      await channel.close();
    } catch (e) {
      if ((e as { code?: unknown }).code !== 406) throw e;
      const check = await connection.createChannel();
      check.on('error', () => undefined);
      await check.checkQueue(name);
      await check.close();
      log.warn(`queue ${name} exists with other arguments (an earlier format); used as it is`);
    }
  }
}
