// A fresh, empty PostgreSQL database per test file on the cluster of pg-global-setup.ts, dropped
// at the end. `pgSkip` is the reason to skip a team test (no PostgreSQL here), or false.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

export const pgSkip: string | false = inject('pgUrl') ? false : inject('pgSkipReason');

function withDatabase(url: string, name: string): string {
  const next = new URL(url);
  next.pathname = `/${name}`;
  return next.toString();
}

export interface TestDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

/** Creates an empty database; `drop()` ends its connections and drops it. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const clusterUrl = inject('pgUrl');
  if (!clusterUrl) throw new Error(`no PostgreSQL for this test: ${inject('pgSkipReason')}`);
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: clusterUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return {
    url: withDatabase(clusterUrl, name),
    async drop() {
      const client = new pg.Client({ connectionString: clusterUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
