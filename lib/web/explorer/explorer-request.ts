import type { ClusterRegistry } from '../../routing/cluster-registry';
import { WebHttpError } from '../http/web-exchange.interface';
import { WEB_MESSAGES as M } from '../web.messages';

/** The explorer's route parameters, checked: a bad one is a 400 naming it, an unknown cluster a 404. */
export function clusterParam(clusters: ClusterRegistry, name: string | undefined): string {
  const names = clusters.all().map((cluster) => cluster.name);
  if (!name || !names.includes(name)) throw new WebHttpError(404, M.unknownCluster(String(name), names));
  return name;
}

export function partitionParam(value: string | undefined): number {
  if (value === undefined || !/^\d{1,9}$/.test(value))
    throw new WebHttpError(400, M.badQuery('partition', String(value), 'a partition number'));
  return Number(value);
}

/** The `:cluster/:topic/:partition` of an explorer or search route, checked as `clusterParam` and `partitionParam` do. */
export function partitionAddress(
  clusters: ClusterRegistry,
  params: Record<string, string>,
): { cluster: string; topic: string; partition: number } {
  return {
    cluster: clusterParam(clusters, params.cluster),
    topic: params.topic,
    partition: partitionParam(params.partition),
  };
}

/** An offset as a decimal string (Kafka offsets are 64-bit); undefined when absent or empty. */
export function offsetParam(name: string, value: string | null | undefined): string | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  if (!/^\d{1,19}$/.test(value.trim()))
    throw new WebHttpError(400, M.badQuery(name, value, 'an offset (a whole number from 0)'));
  return BigInt(value.trim()).toString();
}

export function pageParam(value: string | null): number | undefined {
  if (value === null || value === '') return undefined;
  if (!/^\d{1,6}$/.test(value) || Number(value) < 1)
    throw new WebHttpError(400, M.badQuery('page', value, 'a page number from 1'));
  return Number(value);
}

/**
 * A time to jump to: ISO 8601 (`2024-05-01T12:00:00Z`) or what a datetime-local field sends
 * (`2024-05-01T12:00`), read as UTC like every time the UI shows. Undefined when absent or empty.
 */
export function timeParam(value: string | null): Date | undefined {
  if (value === null || value.trim() === '') return undefined;
  const text = value.trim();
  const zoned = /(Z|[+-]\d\d:?\d\d)$/i.test(text) ? text : `${text}Z`;
  const ms = /^\d{4}-\d\d-\d\d([T ]\d\d:\d\d(:\d\d(\.\d+)?)?)?/.test(text)
    ? Date.parse(zoned.replace(' ', 'T'))
    : NaN;
  if (Number.isNaN(ms))
    throw new WebHttpError(400, M.badQuery('time', value, 'a UTC time like 2024-05-01T12:00:00Z'));
  return new Date(ms);
}
