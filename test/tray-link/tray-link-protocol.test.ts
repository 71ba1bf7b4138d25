import { describe, expect, it } from 'vitest';
import { lineReader } from '../../src/core/tray-link/line-reader.js';
import { trayLinkAddress } from '../../src/core/tray-link/tray-link-address.js';
import { encodeLine, parseAnswer, parseRequest, REFUSALS } from '../../src/core/tray-link/tray-link-protocol.js';

describe('the tray link protocol', () => {
  it('reads a request of each kind the table lists', () => {
    expect(parseRequest('{"v":1,"kind":"ping"}')).toEqual({ request: { kind: 'ping' } });
    expect(parseRequest('{"v":1,"kind":"show-sign-in","session":"okta"}')).toEqual({ request: { kind: 'show-sign-in', session: 'okta' } });
    expect(parseRequest(encodeLine({ kind: 'renew-role-credentials', session: 'okta', accountId: '111122223333', roleName: 'Admin' }).trim())).toEqual({
      request: { kind: 'renew-role-credentials', session: 'okta', accountId: '111122223333', roleName: 'Admin' },
    });
  });

  it.each([
    ['not JSON', '{"v":1,', REFUSALS.notJson],
    ['JSON that is not an object', '[1]', REFUSALS.shape],
    ['another version', '{"v":2,"kind":"ping"}', REFUSALS.version],
    ['no version', '{"kind":"ping"}', REFUSALS.version],
    ['an unknown kind', '{"v":1,"kind":"delete-everything"}', REFUSALS.unknownKind],
    ['a kind inherited from Object', '{"v":1,"kind":"toString"}', REFUSALS.unknownKind],
    ['a missing field', '{"v":1,"kind":"show-sign-in"}', REFUSALS.shape],
    ['an extra field', '{"v":1,"kind":"ping","session":"okta"}', REFUSALS.shape],
    ['a field that is not a string', '{"v":1,"kind":"show-sign-in","session":7}', REFUSALS.shape],
    ['an empty field', '{"v":1,"kind":"show-sign-in","session":""}', REFUSALS.shape],
    ['a field too long', `{"v":1,"kind":"show-sign-in","session":"${'s'.repeat(257)}"}`, REFUSALS.shape],
  ])('refuses %s with a sentence', (_case, line, refusal) => {
    expect(parseRequest(line)).toEqual({ refusal });
  });

  it('reads answers and rejects lines that are not answers', () => {
    expect(parseAnswer('{"v":1,"ok":true,"result":{"expiration":"2026-12-02T18:00:00Z"}}')).toEqual({
      ok: true,
      result: { expiration: '2026-12-02T18:00:00Z' },
    });
    expect(parseAnswer('{"v":1,"ok":false,"error":"Sign in again."}')).toEqual({ ok: false, error: 'Sign in again.' });
    for (const line of ['hello', '{"v":2,"ok":true,"result":{}}', '{"v":1,"ok":true}', '{"v":1,"ok":false}', 'null']) expect(parseAnswer(line)).toBeUndefined();
  });

  it('splits lines across chunks and flags a line longer than the cap before its end arrives', () => {
    const read = lineReader(8);
    expect(read(Buffer.from('ab'))).toEqual({ lines: [], overflow: false });
    expect(read(Buffer.from('c\néé\nx'))).toEqual({ lines: ['abc', 'éé'], overflow: false });
    expect(read(Buffer.from('123456789'))).toEqual({ lines: [], overflow: true });
  });

  it('names a socket in the data directory, or a named pipe per user on Windows', () => {
    expect(trayLinkAddress('linux', '/home/ana/.config/Keyless', 'ana')).toBe('/home/ana/.config/Keyless/tray.sock');
    expect(trayLinkAddress('darwin', '/Users/ana/Library/Application Support/Keyless', 'ana')).toBe('/Users/ana/Library/Application Support/Keyless/tray.sock');
    expect(trayLinkAddress('win32', 'C:/Users/ana/AppData/Roaming/Keyless', 'Ana Lopez\\x')).toBe('\\\\.\\pipe\\keyless-Ana_Lopez_x');
  });
});
