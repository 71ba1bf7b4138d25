import { asUnreachable } from './aws-unreachable.js';

/** A plain HTTPS GET, for the calls no AWS SDK client makes (console sign-in); injected so the network layer can add proxies. */
export type HttpGet = (url: string, signal?: AbortSignal) => Promise<{ status: number; body: string }>;

/** HttpGet on Node's fetch, with socket failures turned into AwsUnreachableError naming the host. */
export const fetchGet: HttpGet = async (url, signal) => {
  try {
    const response = await fetch(url, { redirect: 'manual', ...(signal ? { signal } : {}) });
    return { status: response.status, body: await response.text() };
  } catch (error) {
    throw asUnreachable((error as { cause?: unknown }).cause ?? error, url);
  }
};
