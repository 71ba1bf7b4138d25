import { type KeylessApi, type KeylessBridge, unwrapBridge } from '../../shared/ipc-contract.js';

declare global {
  interface Window {
    /** Put there by the preload; the only way the page reaches the main process. */
    keyless: KeylessBridge;
  }
}

/** The main process as this page calls it: each call resolves to its value, or rejects with the sentence to show. */
export const keyless: KeylessApi = unwrapBridge(window.keyless);

/** The sentence of a failed call (or of anything else thrown), to show as it is. */
export function failureSentence(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
