import { describe, expect, it } from 'vitest';
import { InvalidSettingError } from '../../src/core/errors/keyless-error.js';
import { normaliseStartUrl, validateSsoSession } from '../../src/core/sso/sso-session.js';

const good = { name: 'acme', startUrl: 'https://d-1234567890.awsapps.com/start', region: 'eu-west-1' };

function failure(run: () => unknown): InvalidSettingError {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidSettingError) return error;
    throw error;
  }
  throw new Error('expected an InvalidSettingError');
}

describe('normaliseStartUrl', () => {
  it.each([
    ['https://d-1234567890.awsapps.com/start', 'https://d-1234567890.awsapps.com/start'],
    ['https://d-1234567890.awsapps.com/start/', 'https://d-1234567890.awsapps.com/start'],
    ['https://d-1234567890.awsapps.com/start#/', 'https://d-1234567890.awsapps.com/start'],
    ['  https://D-1234567890.AWSAPPS.com/start/#/  ', 'https://d-1234567890.awsapps.com/start'],
    ['https://acme.awsapps.com', 'https://acme.awsapps.com/start'],
    ['https://sso.acme.example/start/', 'https://sso.acme.example/start'],
    ['https://ssoins-1234.portal.us-east-1.app.aws/', 'https://ssoins-1234.portal.us-east-1.app.aws'],
  ])('%s becomes %s', (input, expected) => {
    expect(normaliseStartUrl(input)).toBe(expected);
  });

  it('refuses http, non-URLs, credentials and a wrong awsapps.com path with a sentence showing a good one', () => {
    expect(failure(() => normaliseStartUrl('http://d-1234567890.awsapps.com/start')).message).toBe(
      'The start URL must use https://, like https://d-1234567890.awsapps.com/start.',
    );
    expect(failure(() => normaliseStartUrl('d-1234567890')).message).toMatch(/is not a URL: use your AWS access portal URL, like https:\/\//);
    expect(failure(() => normaliseStartUrl('https://me:pw@acme.awsapps.com/start')).message).toMatch(/must not contain a user name or password/);
    expect(failure(() => normaliseStartUrl('https://acme.awsapps.com/portal')).message).toBe(
      'An awsapps.com start URL ends in /start, like https://acme.awsapps.com/start.',
    );
  });
});

describe('validateSsoSession', () => {
  it('accepts and normalises a good session', () => {
    expect(validateSsoSession({ name: ' acme ', startUrl: 'https://d-1234567890.awsapps.com/start/#/', region: ' EU-West-1 ' }, [])).toEqual(good);
  });

  it('checks the region against the table of AWS regions, suggesting a real one', () => {
    const wrong = failure(() => validateSsoSession({ ...good, region: 'eu-west-9' }, []));
    expect(wrong.field).toBe('region');
    expect(wrong.message).toBe('"eu-west-9" is not an AWS region: use the region of your IAM Identity Center instance, like eu-west-1.');
    expect(failure(() => validateSsoSession({ ...good, region: 'mars-north-1' }, [])).message).toMatch(/like us-east-1\.$/);
    expect(validateSsoSession({ ...good, region: 'us-gov-west-1' }, []).region).toBe('us-gov-west-1');
    expect(validateSsoSession({ ...good, region: 'cn-north-1' }, []).region).toBe('cn-north-1');
  });

  it('wants a unique, simple name', () => {
    expect(failure(() => validateSsoSession({ ...good, name: '' }, [])).field).toBe('name');
    expect(failure(() => validateSsoSession({ ...good, name: 'has space' }, [])).message).toMatch(/letters, digits, dots, dashes or underscores/);
    expect(failure(() => validateSsoSession({ ...good, name: 'ACME', startUrl: 'https://other.awsapps.com/start' }, [good])).message).toBe(
      'There is already a session named "ACME": choose another name.',
    );
  });

  it('refuses a second session for the same start URL and region', () => {
    const duplicate = failure(() => validateSsoSession({ ...good, name: 'acme-2', startUrl: 'https://d-1234567890.awsapps.com/start/' }, [good]));
    expect(duplicate.field).toBe('startUrl');
    expect(duplicate.message).toMatch(/Session "acme" already signs in to/);
  });
});

describe('sessionProblems', () => {
  it('gives one sentence per bad field at once, and none for a good session', async () => {
    const { sessionProblems } = await import('../../src/core/sso/sso-session.js');
    expect(sessionProblems({ name: 'bad name', startUrl: 'http://x', region: 'mars-1' }, [])).toEqual({
      name: expect.stringContaining('letters, digits, dots'),
      startUrl: 'The start URL must use https://, like https://d-1234567890.awsapps.com/start.',
      region: expect.stringContaining('"mars-1" is not an AWS region'),
    });
    expect(sessionProblems(good, [])).toEqual({});
    expect(sessionProblems({ ...good, name: 'other' }, [good])).toEqual({ startUrl: expect.stringContaining('already signs in') });
  });
});
