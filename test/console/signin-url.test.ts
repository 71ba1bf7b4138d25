import { describe, expect, it } from 'vitest';
import { InvalidSettingError } from '../../src/core/errors/keyless-error.js';
import { InvalidDestinationError, UnknownConsoleServiceError } from '../../src/core/console/console-errors.js';
import { destinationUrl, loginUrl, logoutThenUrl, signinBaseUrl, signinTokenUrl } from '../../src/core/console/signin-url.js';

const credentials = { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'se/cr+et=', sessionToken: 'tok en&=+/' };

describe('console destinations, by partition and kind', () => {
  it.each([
    [{ kind: 'home' } as const, 'us-east-1', 'https://console.aws.amazon.com/console/home?region=us-east-1'],
    [{ kind: 'home' } as const, 'eu-west-1', 'https://eu-west-1.console.aws.amazon.com/console/home?region=eu-west-1'],
    [{ kind: 'service', service: 'EC2' } as const, 'eu-west-1', 'https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1'],
    [{ kind: 'service', service: 'iam' } as const, 'eu-west-1', 'https://console.aws.amazon.com/iam/home'],
    [{ kind: 'service', service: 'route53' } as const, 'ap-south-1', 'https://console.aws.amazon.com/route53/v2/home'],
    [{ kind: 'home' } as const, 'us-gov-west-1', 'https://console.amazonaws-us-gov.com/console/home?region=us-gov-west-1'],
    [{ kind: 'service', service: 's3' } as const, 'us-gov-east-1', 'https://us-gov-east-1.console.amazonaws-us-gov.com/s3/home?region=us-gov-east-1'],
    [{ kind: 'home' } as const, 'cn-northwest-1', 'https://cn-northwest-1.console.amazonaws.cn/console/home?region=cn-northwest-1'],
    [
      { kind: 'url', url: 'https://eu-west-1.console.aws.amazon.com/lambda/home?region=eu-west-1#/functions' } as const,
      'eu-west-1',
      'https://eu-west-1.console.aws.amazon.com/lambda/home?region=eu-west-1#/functions',
    ],
  ])('%o in %s lands on %s', (destination, region, expected) => {
    expect(destinationUrl(destination, region)).toBe(expected);
  });

  it('refuses unknown services and URLs off the console host', () => {
    expect(() => destinationUrl({ kind: 'service', service: 'nope' }, 'us-east-1')).toThrow(UnknownConsoleServiceError);
    expect(() => destinationUrl({ kind: 'url', url: 'https://evil.example/console.aws.amazon.com' }, 'us-east-1')).toThrow(InvalidDestinationError);
    expect(() => destinationUrl({ kind: 'url', url: 'http://console.aws.amazon.com/' }, 'us-east-1')).toThrow(InvalidDestinationError);
    expect(() => destinationUrl({ kind: 'url', url: 'https://console.aws.amazon.com/' }, 'cn-north-1')).toThrow('https URL on console.amazonaws.cn');
  });
});

describe('the federation URLs', () => {
  it('puts the credentials in Session as JSON, every parameter decoding back to its value', () => {
    const url = new URL(signinTokenUrl('https://signin.aws.amazon.com', credentials, 3600));
    expect(`${url.origin}${url.pathname}`).toBe('https://signin.aws.amazon.com/federation');
    expect(url.searchParams.get('Action')).toBe('getSigninToken');
    expect(url.searchParams.get('SessionDuration')).toBe('3600');
    expect(JSON.parse(url.searchParams.get('Session')!)).toEqual({ sessionId: 'ASIAEXAMPLE', sessionKey: 'se/cr+et=', sessionToken: 'tok en&=+/' });
    expect(new URL(signinTokenUrl('https://x', credentials)).searchParams.has('SessionDuration')).toBe(false);
  });

  it('refuses a SessionDuration AWS would reject', () => {
    expect(() => signinTokenUrl('https://x', credentials, 899)).toThrow(InvalidSettingError);
    expect(() => signinTokenUrl('https://x', credentials, 43_201)).toThrow('15 minutes to 12 hours');
  });

  it('builds the login URL with Issuer, Destination and SigninToken encoded', () => {
    const destination = 'https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1#Instances:sort=desc';
    const url = new URL(loginUrl('https://eu-west-1.signin.aws.amazon.com', { issuer: 'https://d-1.awsapps.com/start', destination, signinToken: 'a+b/c=' }));
    expect(url.host).toBe('eu-west-1.signin.aws.amazon.com');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      Action: 'login',
      Issuer: 'https://d-1.awsapps.com/start',
      Destination: destination,
      SigninToken: 'a+b/c=',
    });
  });

  it('picks the sign-in host by partition and region, or the configured base', () => {
    expect(signinBaseUrl('us-east-1', {})).toBe('https://signin.aws.amazon.com');
    expect(signinBaseUrl('eu-central-1', {})).toBe('https://eu-central-1.signin.aws.amazon.com');
    expect(signinBaseUrl('us-gov-west-1', {})).toBe('https://signin.amazonaws-us-gov.com');
    expect(signinBaseUrl('cn-north-1', {})).toBe('https://signin.amazonaws.cn');
    expect(signinBaseUrl('eu-west-1', { signin: 'http://127.0.0.1:4000' })).toBe('http://127.0.0.1:4000');
  });

  it('wraps a login URL in the console logout, on us-east-1 where redirect_uri is honoured', () => {
    const next = 'https://signin.aws.amazon.com/federation?Action=login&SigninToken=x';
    const url = new URL(logoutThenUrl('eu-west-1', {}, next));
    expect(`${url.origin}${url.pathname}`).toBe('https://us-east-1.signin.aws.amazon.com/oauth');
    expect(Object.fromEntries(url.searchParams)).toEqual({ Action: 'logout', redirect_uri: next });
    expect(new URL(logoutThenUrl('us-gov-west-1', {}, next)).host).toBe('signin.amazonaws-us-gov.com');
  });
});
