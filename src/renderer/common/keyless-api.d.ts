import type { KeylessApi } from '../../shared/ipc-api.js';

declare global {
  interface Window {
    /** Put there by the preload; the only way the UI reaches the main process. */
    keyless: KeylessApi;
  }
}
