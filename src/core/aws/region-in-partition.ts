import { InvalidSettingError } from '../errors/keyless-error.js';
import { AWS_REGIONS } from './aws-regions.js';
import { partitionOf } from './partitions.js';

/** A region a person typed (--region), checked against the session's partition; a region of another partition would build a URL or credentials that cannot work. */
export function regionInPartition(input: string, sessionName: string, sessionRegion: string): string {
  const region = input.trim().toLowerCase();
  const partition = partitionOf(sessionRegion);
  if (AWS_REGIONS[region]?.partition === partition) return region;
  const choices = Object.keys(AWS_REGIONS).filter((known) => AWS_REGIONS[known]!.partition === partition);
  const shown = choices.length > 6 ? `${choices.slice(0, 6).join(', ')}, …` : choices.join(', ');
  throw new InvalidSettingError(
    'region',
    `"${input.trim()}" is not a region session "${sessionName}" can use: give one of its partition (${partition}: ${shown}), or leave out --region for ${sessionRegion}.`,
  );
}
