import type { Operation } from './scenario.js';

/** One request as the fake saw it, and how it answered. */
export interface LoggedRequest {
  operation: Operation | 'Unknown';
  method: string;
  /** The path without the scenario's prefix. */
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  /** The parsed JSON body, or undefined when there was none. */
  body: unknown;
  /** Milliseconds since the epoch on the machine's clock. */
  receivedAt: number;
  /** Filled in when the answer goes out; 0 for a connection the fake reset. */
  status?: number;
  /** The x-amzn-ErrorType name, for error answers. */
  errorName?: string;
  /** The fault injected, if any. */
  fault?: string;
}

/** The list of every request the fake received, in order. */
export class RequestLog {
  readonly entries: LoggedRequest[] = [];

  add(entry: LoggedRequest): void {
    this.entries.push(entry);
  }

  /** Requests for one operation. */
  of(operation: Operation): LoggedRequest[] {
    return this.entries.filter((entry) => entry.operation === operation);
  }

  /** How many requests one operation received. */
  count(operation: Operation): number {
    return this.of(operation).length;
  }

  clear(): void {
    this.entries.length = 0;
  }
}
