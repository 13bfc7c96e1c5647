import type { AccordDatabase } from '../../db/database.ts';

export interface DemoSeedOutcome {
  seeded: boolean;
}

// Seeds the demo area when the database holds no agencies yet. (Filled in with the demo data.)
export async function seedDemo(db: AccordDatabase, now: () => Temporal.Instant, password: string): Promise<DemoSeedOutcome> {
  void db;
  void now;
  void password;
  return { seeded: false };
}
