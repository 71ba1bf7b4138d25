import type { Command } from 'commander';
import { DOCTOR_CHECKS } from '../../core/use-cases/doctor/doctor-checks.js';

/** `keyless doctor`: checks the machine and the files Keyless depends on, one line per check with what to do; exits 1 when one fails. */
export function registerDoctorCommand(program: Command, print: (text: string) => void): void {
  program
    .command('doctor')
    .description(`check what Keyless depends on: ${DOCTOR_CHECKS.map(({ name }) => name).join(', ')}`)
    // The checks load the network stack: only when asked, so `keyless --help` stays light.
    .action(async () => (await import('./doctor-run.js')).runDoctorCommand(print));
}
