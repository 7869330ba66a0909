import type { Pending } from './pending-batch';
import type { DeliveryReport } from './produce-message.interface';

/** Ends the send spans of an acknowledged request's messages, each with its report (by position). */
export function endSendSpans(entries: ReadonlyArray<Pending>, reports: ReadonlyArray<DeliveryReport>): void {
  for (let i = 0; i < entries.length; i++)
    entries[i].span?.delivered(reports[i].partition, reports[i].offset);
}

/** Ends the send spans of a failed request's messages with the driver's error (whose kind is `error.type`). */
export function failSendSpans(entries: ReadonlyArray<Pending>, cause: unknown): void {
  for (const { span } of entries) span?.failed(cause);
}
