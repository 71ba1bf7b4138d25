import { describe, expect, it } from 'vitest';
import { isAwsSamlAudience, isAwsSamlEndpoint, samlEndpoint, samlEndpointPartition } from '../../src/core/saml/saml-endpoints.js';

describe('AWS SAML endpoints', () => {
  it('builds the global and regional endpoint of each partition', () => {
    expect(samlEndpoint('aws')).toBe('https://signin.aws.amazon.com/saml');
    expect(samlEndpoint('aws', 'eu-west-1')).toBe('https://eu-west-1.signin.aws.amazon.com/saml');
    expect(samlEndpoint('aws-us-gov')).toBe('https://signin.amazonaws-us-gov.com/saml');
    expect(samlEndpoint('aws-cn', 'cn-northwest-1')).toBe('https://cn-northwest-1.signin.amazonaws.cn/saml');
  });

  it.each([
    ['https://signin.aws.amazon.com/saml', 'aws'],
    ['https://eu-west-1.signin.aws.amazon.com/saml', 'aws'],
    ['https://us-east-1.signin.aws.amazon.com/saml/acs/SAMLSP4SHN3UIS2D558H46', 'aws'],
    ['https://signin.aws.amazon.com/saml?SAMLResponse=x', 'aws'],
    ['https://signin.amazonaws-us-gov.com/saml', 'aws-us-gov'],
    ['https://us-gov-west-1.signin.amazonaws-us-gov.com/saml', 'aws-us-gov'],
    ['https://signin.amazonaws.cn/saml', 'aws-cn'],
    ['https://cn-north-1.signin.amazonaws.cn/saml', 'aws-cn'],
  ])('knows %s as an AWS SAML endpoint of %s', (url, partition) => {
    expect(samlEndpointPartition(url)).toBe(partition);
    expect(isAwsSamlEndpoint(url)).toBe(true);
  });

  it.each([
    'http://signin.aws.amazon.com/saml',
    'https://signin.aws.amazon.com/federation',
    'https://signin.aws.amazon.com/saml/other',
    'https://signin.aws.amazon.com:8443/saml',
    'https://user@signin.aws.amazon.com/saml',
    'https://evil.signin.aws.amazon.com/saml',
    'https://cn-north-1.signin.aws.amazon.com/saml',
    'https://signin.aws.amazon.com.evil.example/saml',
    'https://idp.example.com/saml',
    'not a url',
  ])('refuses %s', (url) => {
    expect(isAwsSamlEndpoint(url)).toBe(false);
  });

  it('accepts the relying-party names and the endpoints as audiences, nothing else', () => {
    expect(isAwsSamlAudience('urn:amazon:webservices')).toBe(true);
    expect(isAwsSamlAudience('urn:amazon:webservices:govcloud')).toBe(true);
    expect(isAwsSamlAudience('https://eu-west-1.signin.aws.amazon.com/saml')).toBe(true);
    expect(isAwsSamlAudience('urn:example:other')).toBe(false);
  });
});
