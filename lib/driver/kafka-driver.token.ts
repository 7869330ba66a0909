/**
 * Internal DI token of the `KafkaDriver` every client of the module is created with (kafkajs by default).
 * Not public API: `nestjs-karafka/testing` overrides it with the in-memory driver
 * (`builder.overrideProvider(KARAFKA_DRIVER)`), which is the one supported way to run an app on another driver.
 */
export const KARAFKA_DRIVER = Symbol('KARAFKA_DRIVER');
