import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // expect.poll waits for the browser tests' pages, which share two cores with the rest of the suite.
    expect: { poll: { timeout: 15_000 } },
  },
});
