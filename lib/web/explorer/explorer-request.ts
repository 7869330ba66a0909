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
