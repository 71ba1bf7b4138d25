import { describe, expect, it } from 'vitest';
import { consoleChoices } from '../../src/core/console/console-choices.js';
import { destinationUrl } from '../../src/core/console/signin-url.js';

describe('consoleChoices', () => {
  it('opens the session’s region on the home page when nothing is set', () => {
    expect(consoleChoices({ defaultRegion: null, consoleDestination: 'home' }, 'eu-west-1')).toEqual({ destination: { kind: 'home' } });
  });

  it('uses the default region and page from Settings', () => {
    const choice = consoleChoices({ defaultRegion: 'eu-central-1', consoleDestination: 'cloudwatch' }, 'eu-west-1');
    expect(destinationUrl(choice.destination, choice.region!)).toBe('https://eu-central-1.console.aws.amazon.com/cloudwatch/home?region=eu-central-1');
  });

  it('lets what the person picked now win over the defaults', () => {
    expect(
      consoleChoices({ defaultRegion: 'eu-central-1', consoleDestination: 'cloudwatch' }, 'eu-west-1', {
        region: 'us-west-2',
        destination: { kind: 'service', service: 's3' },
      }),
    ).toEqual({
      region: 'us-west-2',
      destination: { kind: 'service', service: 's3' },
    });
  });

  it('skips a default region from another partition, which the session cannot sign in to', () => {
    expect(consoleChoices({ defaultRegion: 'eu-central-1', consoleDestination: 'home' }, 'us-gov-west-1')).toEqual({ destination: { kind: 'home' } });
  });
});
