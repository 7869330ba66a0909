/** The Web UI's reporting topics (Karafka Web's layout; defaults in `DEFAULT_WEB_REPORTING.topics`). */
export interface WebTopicNames {
  /** Every process's periodic report (1 partition, deleted after 1 day). Default `karafka_consumers_reports`. */
  reports?: string;
  /** The materialised state of all processes (compacted, 1 partition). Default `karafka_consumers_states`. */
  states?: string;
  /** The materialised time series (compacted, 1 partition). Default `karafka_consumers_metrics`. */
  metrics?: string;
  /** One message per error of any process (deleted after 3 months). Default `karafka_errors`. */
  errors?: string;
}

/**
 * The reporting and processing half of `KarafkaWebModule.forRoot({ ... })`. Every field is optional.
 *
 * The seed's rule: reporting and processing of the Web UI data take place on the **primary cluster** unless the
 * Web producer is redefined with `producer`: the reporting topics live on the Web producer's cluster.
 */
export interface WebReportingOptions {
  /**
   * The Web producer: `default` (the primary producer, so the primary cluster) or a key of
   * `KarafkaModule.forRoot({ producers })`. Its cluster is the reporting cluster. Reports go out through a
   * producer of their own built on it (`web:<name>`, kind `web`), so they never count as the app's traffic and
   * never wait behind the app's transactions.
   */
  producer?: string;
  /**
   * Whether this process runs the processing consumer, which materialises the reports into the state and the
   * time series (only one app of several needs to; replicas share its consumer group). Default false.
   */
  processing?: boolean;
  /** ms between two reports of this process (Karafka `tracking.interval`). Default 5000. */
  trackingInterval?: number;
  /** A process whose last report is older than this is shown as gone (Karafka `ttl`). Default 30000. */
  processTtlMs?: number;
  /** Consumer group of the processing consumer (Karafka `processing.consumer_group`). Default `karafka_web`. */
  consumerGroup?: string;
  topics?: WebTopicNames;
  /** Create the missing reporting topics on the reporting cluster at bootstrap (as `web install`). Default false. */
  autoMigrate?: boolean;
}
