/** A user's jest config: unit tests need nothing, e2e tests get a local Kafka from nestjs-karafka/testing/jest. */
module.exports = {
  testEnvironment: 'node',
  moduleFileExtensions: ['js', 'json', 'ts'],
  testRegex: '\\.(e2e-)?spec\\.ts$',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  globalSetup: 'nestjs-karafka/testing/jest/global-setup',
  globalTeardown: 'nestjs-karafka/testing/jest/global-teardown',
};
