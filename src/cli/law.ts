import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { evaluationJson } from '../app/law/law-output.ts';
import { parseEvaluateInput, parseNearestRelativeInput, type LawParseResult } from '../app/law/parse-law-input.ts';
import { evaluate } from '../domain/law/evaluate.ts';
import { findNearestRelative } from '../domain/law/nearest-relative.ts';
import { CommandFailure, defineCommand, exitCodes, writeLine, type CommandIo } from './command.ts';

// The law engine's two commands (the public contract): JSON in from FILE or standard input, one JSON
// document out. Input that breaks the contract: exit 2, nothing on standard output, and each field at
// fault named on standard error. No database is opened.

async function readInput(file: string | undefined, io: CommandIo): Promise<string> {
  if (file !== undefined) {
    try {
      return await readFile(file, 'utf8');
    } catch (error) {
      throw new CommandFailure(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
    }
  }
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

async function runLawCommand<T>(
  input: { positionals: string[] },
  io: CommandIo,
  parse: (raw: unknown) => LawParseResult<T>,
  answer: (value: T) => unknown,
): Promise<number> {
  const text = await readInput(input.positionals[0], io);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    writeLine(io.stderr, `input: not valid JSON (${(error as Error).message})`);
    return exitCodes.usage;
  }
  const parsed = parse(raw);
  if (!parsed.ok) {
    for (const problem of parsed.problems) writeLine(io.stderr, `${problem.field}: ${problem.message}`);
    return exitCodes.usage;
  }
  writeLine(io.stdout, JSON.stringify(answer(parsed.value), null, 2));
  return exitCodes.success;
}

const fileInput = z.object({ positionals: z.array(z.string()).default([]) });

export const lawEvaluateCommand = defineCommand({
  words: ['law', 'evaluate'],
  summary: 'Compute the Mental Health Act position from a history of events (JSON)',
  usage: 'accord law evaluate [FILE]',
  description:
    'Reads a history of events as JSON from FILE, or from standard input, and prints what the Mental Health Act 1983 says now: ' +
    'the power in force, its deadlines, entitlements and findings, each with its provision. See the law engine contract.',
  options: {},
  positionals: { name: 'FILE', most: 1 },
  input: fileInput,
  run: (input, io) => runLawCommand(input, io, parseEvaluateInput, (value) => evaluationJson(evaluate(value))),
});

export const lawNearestRelativeCommand = defineCommand({
  words: ['law', 'nearest-relative'],
  summary: 'Find the nearest relative under s26 from a list of relatives (JSON)',
  usage: 'accord law nearest-relative [FILE]',
  description: 'Reads the patient and their relatives as JSON from FILE, or from standard input, and prints the nearest relative, the ranking and every exclusion with its provision.',
  options: {},
  positionals: { name: 'FILE', most: 1 },
  input: fileInput,
  run: (input, io) => runLawCommand(input, io, parseNearestRelativeInput, findNearestRelative),
});
