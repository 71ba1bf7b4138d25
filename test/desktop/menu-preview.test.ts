import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

describe('npm run menu:preview -- --fake', () => {
  it('prints the real tray menu for the fake organisation, with countdowns', async () => {
    const { stdout } = await promisify(execFile)('npm', ['run', '--silent', 'menu:preview', '--', '--fake', '--accounts', '3', '--platform', 'linux'], {
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    });
    const lines = stdout.split('\n');
    expect(lines[0]).toMatch(/^\[tray icon: tray-signed-in-light\.png\] Keyless: fake-org expires in 7h 59m$/);
    expect(lines).toContain('Favourites [disabled]');
    expect(lines).toContain('fake-org: expires in 7h 59m [disabled]');
    expect(lines).toContain('Accounts (3)');
    expect(lines.filter((line) => /^ {4}\w+ \(59m\)$/.test(line))).toHaveLength(1);
    expect(lines.at(-2)).toBe('Quit Keyless');
  });
});
