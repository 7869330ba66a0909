import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { KarafkaModuleOptions } from './karafka-options.interface';

export const {
  ConfigurableModuleClass: KarafkaConfigurableModule,
  MODULE_OPTIONS_TOKEN: KARAFKA_MODULE_OPTIONS,
  OPTIONS_TYPE: KARAFKA_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: KARAFKA_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<KarafkaModuleOptions>({ moduleName: 'Karafka' })
  .setClassMethodName('forRoot')
  .setFactoryMethodName('createKarafkaOptions')
  // Global by default: producers, admin and the monitor are app-wide services.
  .setExtras({ isGlobal: true }, (definition, extras) => ({ ...definition, global: extras.isGlobal }))
  .build();
