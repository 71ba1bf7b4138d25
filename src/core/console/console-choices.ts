import type { Preferences } from '../../shared/preferences.js';
import { partitionOf } from '../aws/partitions.js';
import type { ConsoleDestination } from './signin-url.js';

/** The console region and page for a role: what the person picked now, else Settings' defaults (the region only where it is in the session's partition). */
export function consoleChoices(
  preferences: Pick<Preferences, 'defaultRegion' | 'consoleDestination'>,
  sessionRegion: string,
  picked: { region?: string; destination?: ConsoleDestination } = {},
): { region?: string; destination: ConsoleDestination } {
  const { defaultRegion, consoleDestination } = preferences;
  // A GovCloud or China session cannot open the commercial console, so a default from another partition is skipped.
  const region = picked.region ?? (defaultRegion && partitionOf(defaultRegion) === partitionOf(sessionRegion) ? defaultRegion : undefined);
  const destination = picked.destination ?? (consoleDestination === 'home' ? { kind: 'home' } : { kind: 'service', service: consoleDestination });
  return { ...(region ? { region } : {}), destination };
}
