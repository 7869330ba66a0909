// jest ignores `testTimeout` inside a `projects` entry (it is a global option), so the e2e project sets its
// longer default here: real brokers, group joins and rebalances take seconds.
jest.setTimeout(120_000);
