import { BadRequestException, Body, Controller, Get, Inject, Put } from '@nestjs/common';
import pg from 'pg';

import { AmqpRequestConsumer, type ConsumerCounters } from './amqp-request.consumer.js';
import { checkFaultSettings, FaultControls, type FaultSettings } from './fault-controls.js';
import { SIMULATOR_CONFIG, SIMULATOR_POOL } from './simulator.tokens.js';
import type { SimulatorConfig } from './simulator.config.js';

/** Fault controls and figures of the simulator, for tests and demonstrations (no personal data). */
@Controller('admin')
export class SimulatorAdminController {
  constructor(
    private readonly faults: FaultControls,
    private readonly consumer: AmqpRequestConsumer,
    @Inject(SIMULATOR_POOL) private readonly pool: pg.Pool,
    @Inject(SIMULATOR_CONFIG) private readonly config: SimulatorConfig,
  ) {}

  @Get('faults')
  current(): FaultSettings {
    return this.faults.current();
  }

  @Put('faults')
  update(@Body() body: unknown): FaultSettings {
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      throw new BadRequestException('body must be a JSON object of fault settings');
    const known = ['latencyMs', 'errorRate', 'dropRate', 'outage'];
    const unknown = Object.keys(body).filter((k) => !known.includes(k));
    const problems = [...unknown.map((k) => `${k} is not a fault setting`), ...checkFaultSettings(body)];
    if (problems.length > 0) throw new BadRequestException(problems);
    return this.faults.update(body);
  }

  @Get('stats')
  async stats(): Promise<{
    counters: ConsumerCounters;
    persons: Record<string, number>;
    processedMessages: number;
  }> {
    const s = this.config.schema;
    const persons = await this.pool.query<{ status: string; n: string }>(
      `SELECT status, count(*) n FROM ${s}.person GROUP BY status`,
    );
    const processed = await this.pool.query<{ n: string }>(`SELECT count(*) n FROM ${s}.processed_message`);
    return {
      counters: { ...this.consumer.counters },
      persons: Object.fromEntries(persons.rows.map((r) => [r.status, Number(r.n)])),
      processedMessages: Number(processed.rows[0].n),
    };
  }
}
