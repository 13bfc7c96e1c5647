import type { FieldProblem } from './calls.ts';

// The service directory: who a call can be handed to, what each can and cannot do, its hours and its
// out-of-hours contact, so the control room chooses a service that can take the call now.
export const serviceKinds = {
  'crisis-team': 'Crisis team',
  ambulance: 'Ambulance',
  'liaison-psychiatry': 'Liaison psychiatry',
  'amhp-service': 'AMHP service',
  gp: 'GP',
  'voluntary-organisation': 'Voluntary organisation',
} as const;

export type ServiceKind = keyof typeof serviceKinds;

export function isServiceKind(value: unknown): value is ServiceKind {
  return typeof value === 'string' && Object.hasOwn(serviceKinds, value);
}

export interface ServiceInput {
  name: string;
  kind: string;
  canDo: string;
  cannotDo: string;
  hours: string;
  outOfHours: string;
  // The agency and team on Accord that receives its handoffs: "agency id" or "agency id/team id".
  agencyId: string;
  teamId: string | null;
}

export interface ValidService {
  name: string;
  kind: ServiceKind;
  canDo: string;
  cannotDo: string;
  hours: string;
  outOfHours: string;
  agencyId: string;
  teamId: string | null;
}

const textMaximum = 2000;

export function validateService(input: ServiceInput, facts: { receiverOnAccord: boolean }): { ok: true; service: ValidService } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const field = (value: string, name: string, missing: string, label: string, maximum = textMaximum) => {
    const trimmed = value.trim();
    if (trimmed === '') problems.push({ field: name, message: missing });
    else if (trimmed.length > maximum) problems.push({ field: name, message: `${label} must be ${maximum} characters or fewer` });
    return trimmed;
  };
  const name = field(input.name, 'name', 'Enter the service’s name', 'The name', 200);
  if (!isServiceKind(input.kind)) problems.push({ field: 'kind', message: 'Select what kind of service it is' });
  const canDo = field(input.canDo, 'canDo', 'Enter what the service can do', 'What it can do');
  const cannotDo = field(input.cannotDo, 'cannotDo', 'Enter what the service cannot do', 'What it cannot do');
  const hours = field(input.hours, 'hours', 'Enter the service’s hours', 'The hours', 500);
  const outOfHours = field(input.outOfHours, 'outOfHours', 'Enter the out-of-hours contact', 'The out-of-hours contact', 500);
  if (input.agencyId.trim() === '') problems.push({ field: 'receiver', message: 'Select the team on Accord that takes its calls' });
  else if (!facts.receiverOnAccord) problems.push({ field: 'receiver', message: 'Select a team or agency on Accord' });
  if (problems.length > 0 || !isServiceKind(input.kind)) return { ok: false, problems };
  return { ok: true, service: { name, kind: input.kind, canDo, cannotDo, hours, outOfHours, agencyId: input.agencyId, teamId: input.teamId } };
}
