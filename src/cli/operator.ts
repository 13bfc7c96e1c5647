import { userInfo } from 'node:os';
import { clockNow, systemActor, type AppContext } from '../app/context.ts';
import type { AccordDatabase } from '../db/database.ts';

function operatingSystemUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'an unknown user';
  }
}

// The context for work done from the command line: Accord acting on an operator's command. The audit
// log names the command and the operating-system account that ran it, since no staff account did.
export function commandLineContext(db: AccordDatabase, command: string, purpose: string): AppContext {
  return {
    db,
    now: clockNow,
    actor: systemActor(`Command line: accord ${command} (run by ${operatingSystemUser()})`),
    purpose,
  };
}
