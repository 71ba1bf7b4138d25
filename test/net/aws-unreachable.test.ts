import { describe, expect, it } from 'vitest';
import { asUnreachable, AwsUnreachableError } from '../../src/core/net/aws-unreachable.js';
import { attachExplanation, ProxyUnreachableError } from '../../src/core/net/network-errors.js';

const socketError = (code: string) => Object.assign(new Error(`getaddrinfo ${code}`), { code });

describe('asUnreachable', () => {
  it.each([
    ['ENOTFOUND', 'Could not reach oidc.eu-west-1.amazonaws.com: its name could not be found in DNS. Check your network connection, VPN or proxy settings.'],
    ['ECONNREFUSED', 'Could not reach oidc.eu-west-1.amazonaws.com: the connection was refused. Check your network connection, VPN or proxy settings.'],
    ['EAI_AGAIN', 'Could not reach oidc.eu-west-1.amazonaws.com: DNS did not answer. Check your network connection, VPN or proxy settings.'],
  ])('words %s as one sentence naming the host', (code, sentence) => {
    const mapped = asUnreachable(socketError(code), 'https://oidc.eu-west-1.amazonaws.com');
    expect(mapped).toBeInstanceOf(AwsUnreachableError);
    expect((mapped as Error).message).toBe(sentence);
  });

  it('looks inside the AggregateError of a dual-stack connect', () => {
    const aggregate = Object.assign(new AggregateError([socketError('ECONNREFUSED'), socketError('ECONNREFUSED')]), { code: undefined });
    expect(asUnreachable(aggregate, 'http://127.0.0.1:9')).toBeInstanceOf(AwsUnreachableError);
  });

  it('prefers an explanation the network layer attached, and passes other errors through', () => {
    const explained = attachExplanation(socketError('ECONNREFUSED'), new ProxyUnreachableError('proxy.corp:8080', 'the connection was refused'));
    expect(asUnreachable({ cause: explained }, 'https://x')).toBeInstanceOf(ProxyUnreachableError);
    const other = new Error('ValidationException');
    expect(asUnreachable(other, 'https://x')).toBe(other);
  });
});
