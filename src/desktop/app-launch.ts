/** The keyless command's options that come without a command word (`Keyless --version`). */
const CLI_OPTIONS = new Set(['-h', '--help', '-v', '--version']);

const startsTheCli = (arg: string) => !arg.startsWith('-') || CLI_OPTIONS.has(arg);

/**
 * The keyless command's arguments when the app was started as the command (`Keyless sessions`), or undefined for the tray.
 * Electron's argv holds the binary, then in a development run (`electron .`) the app's folder, then the person's
 * arguments. Switches before the first command word are Chromium's or the system's (--no-sandbox, macOS's -psn_…):
 * alone they start the tray, and they never reach the command.
 */
export function cliArguments(argv: readonly string[], defaultApp: boolean): string[] | undefined {
  const args = argv.slice(defaultApp ? 2 : 1);
  const first = args.findIndex(startsTheCli);
  return first === -1 ? undefined : args.slice(first);
}
