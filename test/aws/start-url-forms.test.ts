import { describe, expect, it } from 'vitest';
import { normaliseStartUrl, validateSsoSession } from '../../src/core/sso/sso-session.js';

const failure = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a refusal');
};

describe('access portal URLs of every partition', () => {
  it.each([
    ['https://start.us-gov-home.awsapps.com/directory/d-1234567890', 'https://start.us-gov-home.awsapps.com/directory/d-1234567890'],
    ['https://start.us-gov-home.awsapps.com/directory/acme-gov/#/', 'https://start.us-gov-home.awsapps.com/directory/acme-gov'],
    ['https://start.home.awsapps.cn/directory/d-1234567890', 'https://start.home.awsapps.cn/directory/d-1234567890'],
    ['https://d-1234567890.awsapps.cn', 'https://d-1234567890.awsapps.cn/start'],
    ['https://acme.awsapps.com/start/', 'https://acme.awsapps.com/start'],
    ['https://sso.acme.example/start', 'https://sso.acme.example/start'],
  ])('takes %s as %s', (input, expected) => {
    expect(normaliseStartUrl(input)).toBe(expected);
  });

  it('shows the form AWS uses on each host when the path is wrong, never the commercial /start for GovCloud', () => {
    expect(failure(() => normaliseStartUrl('https://start.us-gov-home.awsapps.com/start'))).toBe(
      'A GovCloud access portal URL ends in /directory/ and your directory id or alias, like https://start.us-gov-home.awsapps.com/directory/d-1234567890.',
    );
    expect(failure(() => normaliseStartUrl('https://start.home.awsapps.cn/'))).toBe(
      'A China access portal URL ends in /directory/ and your directory id or alias, like https://start.home.awsapps.cn/directory/d-1234567890.',
    );
    expect(failure(() => normaliseStartUrl('https://acme.awsapps.cn/directory/x'))).toBe(
      'An awsapps.cn start URL ends in /start, like https://acme.awsapps.cn/start.',
    );
  });

  it('pairs a GovCloud or China portal only with a region of its partition', () => {
    const gov = { name: 'gov', startUrl: 'https://start.us-gov-home.awsapps.com/directory/d-1234567890', region: 'us-gov-west-1' };
    expect(validateSsoSession(gov, [])).toEqual(gov);
    expect(failure(() => validateSsoSession({ ...gov, region: 'us-east-1' }, []))).toBe(
      'https://start.us-gov-home.awsapps.com/directory/d-1234567890 is an access portal of the aws-us-gov partition: use its region, one of us-gov-west-1, us-gov-east-1.',
    );
    expect(failure(() => validateSsoSession({ name: 'cn', startUrl: 'https://start.home.awsapps.cn/directory/d-1234567890', region: 'eu-west-1' }, []))).toBe(
      'https://start.home.awsapps.cn/directory/d-1234567890 is an access portal of the aws-cn partition: use its region, one of cn-north-1, cn-northwest-1.',
    );
  });
});
