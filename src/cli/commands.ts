import { adminCreateCommand } from './admin-create.ts';
import { auditVerifyCommand } from './audit-verify.ts';
import type { CliCommand } from './command.ts';
import { demoSeedCommand } from './demo-seed.ts';
import { generateCommand } from './generate.ts';
import { lawEvaluateCommand, lawNearestRelativeCommand } from './law.ts';
import { migrateCommand } from './migrate.ts';
import { recordExportCommand, recordSubjectAccessCommand } from './record-export.ts';
import { tasksSweepCommand } from './tasks.ts';

// Every `accord` subcommand, in the order help lists them. A new command is a new file and one line here.
export const commands: readonly CliCommand[] = [migrateCommand, adminCreateCommand, auditVerifyCommand, demoSeedCommand, generateCommand, lawEvaluateCommand, lawNearestRelativeCommand, recordExportCommand, recordSubjectAccessCommand, tasksSweepCommand];
