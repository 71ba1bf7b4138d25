import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, type RunnerTestSuite, TestRunner } from 'vitest';
import { watchIssuedSecrets } from '../../tools/fake-aws/secrets.js';
import { describeLeaks, type Leak, searchForLeaks } from './leak-search.js';
import { filesWithSecretsOnPurpose, forgetSecrets, registerSecret, registeredSecrets } from './secret-registry.js';

// The leak search after every test (issue 18): no secret the test's fakes issued may sit in a file the test wrote.
// Vitest runs this file before each test file, in the same module graph, so the fake's secrets reach the registry.

forgetSecrets();
watchIssuedSecrets(registerSecret);

// What the temporary folder held before this test file started belongs to others: only newer entries are searched.
const temporary = tmpdir();
const earlierEntries = new Set(readdirSync(temporary));
// File times lag the clock by up to a kernel tick; a little overlap only searches a file twice.
const CLOCK_SLACK_MS = 100;
// Taken before any test can fake the clock (vi.useFakeTimers): file times are real times.
const wallClock = Date.now.bind(Date);
let searchedUpTo = wallClock();
const leaksOfTheTest: Leak[] = [];
// A file found before is not blamed on a later test that only overlapped its time.
const reported = new Set<string>();
const hookedSuites = new WeakSet<RunnerTestSuite>();
let searchedThisTest = false;

/** Searches what was written since the last search. */
async function searchNewFiles(): Promise<void> {
  // Added to every suite a test ran in, so it runs again for the outer suites of a nested test: once is enough.
  if (searchedThisTest) return;
  searchedThisTest = true;
  const modifiedSince = searchedUpTo - CLOCK_SLACK_MS;
  searchedUpTo = wallClock();
  if (registeredSecrets().size === 0) return;
  const roots = readdirSync(temporary)
    .filter((name) => !earlierEntries.has(name))
    .map((name) => join(temporary, name));
  for (const leak of await searchForLeaks({ roots, modifiedSince, secrets: registeredSecrets(), allowedFiles: filesWithSecretsOnPurpose() })) {
    const key = `${leak.kind}\0${leak.file}`;
    if (reported.has(key)) continue;
    reported.add(key);
    leaksOfTheTest.push(leak);
  }
}

beforeEach((context) => {
  leaksOfTheTest.length = 0;
  searchedThisTest = false;
  // Tests delete their folders in their own afterEach, and Vitest runs afterEach hooks innermost suite first, each suite's in
  // reverse order; so the search goes last into the test's own suite, to run before any of the test's hooks.
  const suite = context.task.suite ?? context.task.file;
  if (hookedSuites.has(suite)) return;
  hookedSuites.add(suite);
  TestRunner.getSuiteHooks(suite).afterEach.push(searchNewFiles);
});

// Registered first at the file's level, so it runs after every other hook: a failure here skips none of the test's clean-up.
afterEach(() => {
  if (leaksOfTheTest.length > 0) throw new Error(`Leak search: a secret is in a file.\n${describeLeaks(leaksOfTheTest)}`);
});
