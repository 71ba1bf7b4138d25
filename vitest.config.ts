import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', './test/support/summary-reporter.ts'],
    // After every test, search the files it wrote for the secrets it was issued (docs/developing.md, "The leak search").
    setupFiles: ['./test/support/leak-setup.ts'],
    // Each file starts its own fake AWS on a free loopback port, so files can run in parallel.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Tests wait for the state they check; on a loaded 2-core machine that can take longer than the 1 s default.
    expect: { poll: { timeout: 10_000 } },
    // The SDK warns on Node 20 about a support change in 2027; the README asks for Node 22 for the app itself.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
