import type { CanActivate, Type } from '@nestjs/common';

/** Basic auth with one user; the password is compared in constant time. */
export interface WebBasicAuth {
  username: string;
  /** `string | undefined` so `process.env.X` can be passed as is: an unset one fails the start, naming it. */
  password: string | undefined;
}

/** Your own Nest guard (JWT, sessions, ...): it gets the page's request as any HTTP guard does. */
export interface WebGuardAuth {
  guard: Type<CanActivate>;
}

/** Required: `false` serves the pages to anyone who reaches them (and says so in a warning at start). */
export type WebAuth = WebBasicAuth | WebGuardAuth | false;

/** The pages' half of `KarafkaWebModule.forRoot(...)`. */
export interface KarafkaWebUiOptions {
  /** Where the pages are served in the app's own HTTP server (Express or Fastify). Default `/karafka`. */
  path?: string;
  auth: WebAuth;
  /** How often an open page refreshes itself, in ms; 0 turns live refresh off. Default 5000. */
  refreshIntervalMs?: number;
  /** `true` turns every mutating action off (dead-letter replay): the pages only read. Default false. */
  readOnly?: boolean;
  /**
   * Topics whose payloads the Explorer and Dead letters pages never show (keys, headers and offsets still
   * are): `'pii.*'` on every cluster, `'secondary:pii.*'` on one; `*` matches any run of characters.
   */
  maskedTopics?: string[];
  /** Your own rule, asked after `maskedTopics`: return false to mask the topic's payloads. */
  visibility?: (topic: { cluster: string; topic: string }) => boolean;
  /** The Health page's thresholds. */
  health?: WebHealthOptions;
}

export interface WebHealthOptions {
  /** A partition whose lag has been climbing without a drop for this long is flagged, in ms. Default 300000 (5 min). */
  lagGrowingForMs?: number;
}

/** The payload rule the pages apply: `maskedTopics` then `visibility`. */
export type PayloadVisibility = (cluster: string, topic: string) => boolean;

export type ResolvedWebAuth =
  | { kind: 'basic'; username: string; password: string }
  | { kind: 'guard'; guard: Type<CanActivate> }
  | { kind: 'off' };

export interface ResolvedWebUiOptions {
  path: string;
  auth: ResolvedWebAuth;
  refreshIntervalMs: number;
  readOnly: boolean;
  /** Whether a topic's payloads may be shown. */
  payloadVisible: PayloadVisibility;
  health: Required<WebHealthOptions>;
}
