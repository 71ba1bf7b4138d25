import { describe, expect, it } from 'vitest';
import { cliSentence } from '../../src/cli/cli-sentence.js';
import { debugDetails, scrubSecrets } from '../../src/cli/debug-details.js';
import { SessionEndedError } from '../../src/core/sso/sign-in-errors.js';

describe('debug details', () => {
  it('removes tokens, keys and passwords, keeping what a bug report needs', () => {
    const text =
      'POST /token {"refreshToken":"aorAAAAAGexample","clientSecret":"eyJraWQiOiJrZXktMTU2"} key ASIAQWERTYUIOPASDFGH via http://user:hunter2@proxy.corp:8080 x-amz-sso_bearer_token: abc.def';
    expect(scrubSecrets(text)).toBe(
      'POST /token {"refreshToken":"[secret]","clientSecret":"[secret]"} key [secret] via http://[secret]@proxy.corp:8080 x-amz-sso_bearer_token: [secret]',
    );
    expect(scrubSecrets('at file:///work/node_modules/@smithy/node-http-handler/dist-cjs/index.js:12:3')).toBe(
      'at file:///work/node_modules/@smithy/node-http-handler/dist-cjs/index.js:12:3',
    );
  });

  it('follows the cause chain, with each error’s code and HTTP status', () => {
    const root = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    const details = debugDetails(new Error('Could not reach AWS', { cause: root }));
    expect(details).toMatch(/^Error: Could not reach AWS\n\s+at /);
    expect(details).toContain('caused by: Error: connect ECONNREFUSED 127.0.0.1:9');
    expect(details).toContain('(code ECONNREFUSED)');
  });

  it('words an ended sign-in with the command to run, as it reaches the AWS CLI', () => {
    expect(cliSentence(new SessionEndedError('acme'))).toBe('Your sign-in for "acme" has ended. Sign in again with: keyless login acme');
  });
});
