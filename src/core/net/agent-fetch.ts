import * as http from 'node:http';
import * as https from 'node:https';

/** What a Fetch API caller such as openid-client passes: a method, headers, a form or text body, and a signal. */
export interface FetchRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: ArrayBuffer | ReadableStream | string | Uint8Array | URLSearchParams | null | undefined;
  signal?: AbortSignal | null | undefined;
}

/** A fetch through Keyless's network layer; redirects are returned, never followed (openid-client asks for "manual"). */
export type AgentFetch = (url: string, request?: FetchRequest) => Promise<Response>;

/** Statuses whose Response may not have a body. */
const BODILESS = new Set([101, 204, 205, 304]);

/** One request over Node's http(s) with the given agents and idle timeout, answered as a Fetch API Response. */
export async function agentRequest(
  url: string,
  request: FetchRequest,
  options: { httpAgent: http.Agent; httpsAgent: http.Agent; timeoutMs: number },
): Promise<Response> {
  const secure = url.startsWith('https:');
  // The Fetch API's own reading of any body it accepts, with the content type it implies (a form's, for URLSearchParams).
  const given = request.body === null || request.body === undefined ? undefined : new Response(request.body);
  const body = given ? Buffer.from(await given.arrayBuffer()) : undefined;
  const impliedType = given?.headers.get('content-type');
  return new Promise<Response>((resolve, reject) => {
    const outgoing = (secure ? https : http).request(
      url,
      {
        method: request.method ?? 'GET',
        headers: { ...(impliedType ? { 'content-type': impliedType } : {}), ...request.headers },
        agent: secure ? options.httpsAgent : options.httpAgent,
        timeout: options.timeoutMs,
        ...(request.signal ? { signal: request.signal } : {}),
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const headers = new Headers();
          for (const [name, value] of Object.entries(response.headers)) {
            for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, one);
          }
          const status = response.statusCode ?? 0;
          resolve(new Response(BODILESS.has(status) ? null : Buffer.concat(chunks), { status, statusText: response.statusMessage ?? '', headers }));
        });
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(Object.assign(new Error('request timed out'), { name: 'TimeoutError' })));
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}
