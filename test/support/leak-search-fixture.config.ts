import { defineConfig } from 'vitest/config';

// Runs only the leak search's fixture, with the leak search on, for test/build/leak-search.test.ts.
export default defineConfig({
  test: {
    include: ['test/support/leak-search-fixture.ts'],
    setupFiles: ['./test/support/leak-setup.ts'],
  },
});
