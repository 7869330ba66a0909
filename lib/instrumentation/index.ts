export { KarafkaMonitor } from './karafka-monitor';
export { LoggingListener } from './logging.listener';
export type * from './monitor-events.interface';
