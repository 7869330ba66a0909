// The public face of nestjs-karafka/web: the Web UI module and its options.
export { KarafkaWebModule } from './karafka-web.module';
export type { KarafkaWebModuleOptions } from './karafka-web-module-options.interface';
export type {
  KarafkaWebUiOptions,
  WebAuth,
  WebBasicAuth,
  WebGuardAuth,
} from './karafka-web-options.interface';
