import type { KarafkaWebUiOptions } from './karafka-web-options.interface';

/** `KarafkaWebModule.forRoot(options)`: the pages' options and the reporting's. */
export type KarafkaWebModuleOptions = KarafkaWebUiOptions;
