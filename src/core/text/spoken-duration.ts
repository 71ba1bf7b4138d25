/** A duration as words for a sentence: "1 second", "30 seconds", "10 minutes" (never "0 seconds"). */
export function spokenDuration(ms: number): string {
  const [amount, unit] = ms >= 60_000 ? [Math.round(ms / 60_000), 'minute'] : [Math.max(1, Math.round(ms / 1000)), 'second'];
  return `${amount} ${unit}${amount === 1 ? '' : 's'}`;
}
