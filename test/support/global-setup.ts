import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrate } from '@shopserve-sync/db';
import { quoteIdentifier, uniqueName, withDatabase } from './database-names.ts';
import { assertServersAnswer, startTestServers } from './servers.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
    /** An administrative connection, for creating and dropping the per-file databases. */
    adminDatabaseUrl: string;
    /** A migrated database that each test file's own database is copied from. */
    templateDatabase: string;
  }
}

/**
 * Once per `pnpm test`: finds the servers, and migrates one template database that every test
 * file copies (CREATE DATABASE ... TEMPLATE is far quicker than migrating each time).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const servers = await startTestServers();
  await assertServersAnswer(servers);

  const templateDatabase = uniqueName('ssync_tmpl');
  const admin = new pg.Client({ connectionString: servers.databaseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${quoteIdentifier(templateDatabase)}`);
  await migrate(withDatabase(servers.databaseUrl, templateDatabase));

  project.provide('redisUrl', servers.redisUrl);
  project.provide('adminDatabaseUrl', servers.databaseUrl);
  project.provide('templateDatabase', templateDatabase);

  return async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(templateDatabase)} WITH (FORCE)`);
    await admin.end();
    await servers.stop();
  };
}
