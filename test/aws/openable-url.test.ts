import { describe, expect, it } from 'vitest';
import { isOpenableUrl } from '../../src/core/aws/openable-url.js';
import { PARTITIONS, regionalHost } from '../../src/core/aws/partitions.js';
import { oidcBaseUrl, portalBaseUrl } from '../../src/core/aws/aws-endpoints.js';

describe('isOpenableUrl', () => {
  it.each([
    'https://oidc.us-east-1.amazonaws.com/authorize?client_id=x',
    'https://device.sso.eu-west-1.amazonaws.com/?user_code=ABCD-EFGH',
    'https://signin.aws.amazon.com/federation?Action=login',
    'https://us-east-1.signin.aws.amazon.com/oauth?Action=logout',
    'https://signin.amazonaws-us-gov.com/federation',
    'https://signin.amazonaws.cn/federation',
    'https://oidc.cn-north-1.amazonaws.com.cn/authorize',
    'https://d-1234567890.awsapps.com/start',
  ])('opens %s', (url) => {
    expect(isOpenableUrl(url, {})).toBe(true);
  });

  it.each([
    'http://oidc.us-east-1.amazonaws.com/authorize',
    'https://amazonaws.com.evil.example/authorize',
    'https://evilamazonaws.com/',
    'https://user:pw@signin.aws.amazon.com/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'not a url',
  ])('refuses %s', (url) => {
    expect(isOpenableUrl(url, {})).toBe(false);
  });

  it('opens every partition’s sign-in, console and OIDC pages, regional ones too: the allowlist comes from the partition table', () => {
    for (const [name, partition] of Object.entries(PARTITIONS)) {
      const region = partition.defaultRegion;
      for (const host of [partition.signinHost, partition.consoleHost, regionalHost(partition.signinHost, `${region}-other`)]) {
        expect(isOpenableUrl(`https://${host}/federation`, {}), `${name}: ${host}`).toBe(true);
      }
      expect(isOpenableUrl(`${oidcBaseUrl(region, {})}/authorize`, {}), name).toBe(true);
      expect(isOpenableUrl(portalBaseUrl(region, {}), {}), name).toBe(true);
    }
  });

  it('opens the configured endpoint origin, even over http, and nothing else on that host', () => {
    const endpoints = { oidc: 'http://127.0.0.1:4000', signin: 'http://127.0.0.1:4000/aws' };
    expect(isOpenableUrl('http://127.0.0.1:4000/authorize?x=1', endpoints)).toBe(true);
    expect(isOpenableUrl('http://127.0.0.1:4001/authorize', endpoints)).toBe(false);
  });
});
