import type { KarafkaWebUiOptions } from './karafka-web-options.interface';
import type { WebReportingOptions } from './reporting/web-reporting-options.interface';

/** `KarafkaWebModule.forRoot(options)`: the pages' options (`path`, `auth`, ...) and the reporting's (`producer`, ...). */
export type KarafkaWebModuleOptions = KarafkaWebUiOptions & WebReportingOptions;
