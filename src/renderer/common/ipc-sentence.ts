/** IPC errors arrive wrapped ("Error invoking remote method '…': SentenceError: sentence"); show only the sentence. */
export function sentence(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/^Error invoking remote method '[^']+': (\w*Error: )?/, '');
}
