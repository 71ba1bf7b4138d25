import { afterEach, describe, expect, it } from 'vitest';
import { exposeSmokeHook, type SmokeHook } from '../../src/main/smoke-hook.js';

const hook = { tray: {}, openWindow: () => undefined } as unknown as SmokeHook;
const exposed = () => (globalThis as { keylessSmoke?: unknown }).keylessSmoke;

afterEach(() => {
  delete (globalThis as { keylessSmoke?: unknown }).keylessSmoke;
});

describe('the smoke script’s hook', () => {
  it('is there in a development run started with KEYLESS_SMOKE_HOOK=1', () => {
    exposeSmokeHook({ KEYLESS_SMOKE_HOOK: '1' }, false, hook);
    expect(exposed()).toBe(hook);
  });

  it('is never there in the packaged app, nor without the variable', () => {
    exposeSmokeHook({ KEYLESS_SMOKE_HOOK: '1' }, true, hook);
    exposeSmokeHook({}, false, hook);
    exposeSmokeHook({ KEYLESS_SMOKE_HOOK: 'yes' }, false, hook);
    expect(exposed()).toBeUndefined();
  });
});
