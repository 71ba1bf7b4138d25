/** What a line reader makes of more bytes: the complete lines so far, and whether the unfinished one is already too long. */
export interface LinesRead {
  lines: string[];
  overflow: boolean;
}

/** Splits a byte stream into UTF-8 lines, refusing any line longer than `maxBytes` before it has all arrived. */
export function lineReader(maxBytes: number): (chunk: Buffer) => LinesRead {
  let pending = Buffer.alloc(0);
  return (chunk) => {
    pending = Buffer.concat([pending, chunk]);
    const lines: string[] = [];
    for (let end = pending.indexOf(0x0a); end !== -1; end = pending.indexOf(0x0a)) {
      if (end > maxBytes) return { lines, overflow: true };
      lines.push(pending.subarray(0, end).toString('utf8'));
      pending = pending.subarray(end + 1);
    }
    return { lines, overflow: pending.length > maxBytes };
  };
}
