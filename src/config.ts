import path from 'node:path';
import { z } from 'zod';

// Configuration comes only from environment variables (listed in the README).
const environmentSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  ACCORD_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.string().url().optional(),
  ACCORD_DEMO: z.enum(['0', '1']).default('1'),
  ACCORD_DEMO_PASSWORD: z.string().min(1).optional(),
  ACCORD_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ACCORD_SECURE_COOKIES: z.enum(['0', '1']).default('0'),
  // Email through GOV.UK Notify; without them notifications stay in the in-app outbox.
  NOTIFY_API_KEY: z.string().min(1).optional(),
  NOTIFY_TEMPLATE_ID: z.string().min(1).optional(),
});

export interface Config {
  port: number;
  host: string;
  dataDirectory: string;
  databaseUrl: string | undefined;
  demo: boolean;
  demoPassword: string | undefined;
  logLevel: string;
  secureCookies: boolean;
  notifyApiKey: string | undefined;
  notifyTemplateId: string | undefined;
}

export class ConfigurationError extends Error {}

export function readConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(environment).filter(([, value]) => value !== ''));
  const parsed = environmentSchema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigurationError(`Configuration is not valid: ${problems.join('; ')}`);
  }
  const value = parsed.data;
  return {
    port: value.PORT,
    host: value.HOST,
    dataDirectory: path.resolve(value.ACCORD_DATA_DIR),
    databaseUrl: value.DATABASE_URL,
    demo: value.ACCORD_DEMO === '1',
    demoPassword: value.ACCORD_DEMO_PASSWORD,
    logLevel: value.ACCORD_LOG_LEVEL,
    secureCookies: value.ACCORD_SECURE_COOKIES === '1',
    notifyApiKey: value.NOTIFY_API_KEY,
    notifyTemplateId: value.NOTIFY_TEMPLATE_ID,
  };
}
