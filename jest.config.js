// Unit tests are pure and fast; integration tests share one real PostgreSQL and Temporal server
// that globalSetup starts on free ports (see test/support/global-setup.ts).
const transform = { '^.+\\.(t|j)sx?$': ['@swc/jest'] };

/** @type {import('jest').Config} */
module.exports = {
  maxWorkers: 2,
  // testTimeout is global in jest; integration tests wait on real servers and durable workflows.
  testTimeout: 120000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
