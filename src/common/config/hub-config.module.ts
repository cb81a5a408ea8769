import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { HubConfig } from '../../../config/hub.config.js';

export const HUB_CONFIG = Symbol('HUB_CONFIG');

/** Makes the validated configuration injectable everywhere as HUB_CONFIG. */
@Global()
@Module({})
export class HubConfigModule {
  static forRoot(config: HubConfig): DynamicModule {
    return {
      module: HubConfigModule,
      providers: [{ provide: HUB_CONFIG, useValue: config }],
      exports: [HUB_CONFIG],
    };
  }
}
