import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { KarafkaWebModuleOptions } from './karafka-web-module-options.interface';

export const {
  ConfigurableModuleClass: KarafkaWebConfigurableModule,
  MODULE_OPTIONS_TOKEN: KARAFKA_WEB_MODULE_OPTIONS,
  OPTIONS_TYPE: KARAFKA_WEB_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: KARAFKA_WEB_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<KarafkaWebModuleOptions>({ moduleName: 'KarafkaWeb' })
  .setClassMethodName('forRoot')
  .setFactoryMethodName('createKarafkaWebOptions')
  .build();
