/** A plain GET, for the calls no AWS SDK client makes (console sign-in); AwsHttp provides it through the proxies and CA bundle. */
export type HttpGet = (url: string, signal?: AbortSignal) => Promise<{ status: number; body: string; /** The Date header, for clock checks. */ date?: string }>;
