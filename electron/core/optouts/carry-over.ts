/**
 * A restore puts back an older database whole; the opt-outs made since the backup must not go with the rest.
 * A customer who texted STOP on Tuesday stays stopped when Monday's backup is restored on Wednesday: every
 * entry active in the replaced database is listed in the restored one (an entry the restored one removed is
 * active again: the later list says so), and its leads are marked do-not-contact, their unsent jobs
 * cancelled, as the list marks them (opt-out-service.ts). Runs once, right after the restored file is opened
 * and migrated (app-context.ts), before anything can send.
 */
import type Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { JobQueue } from '../jobs/job-queue';
import { OPTED_OUT_STATUS_SQL } from './opted-out-status';

const REPLACED = 'replaced_by_restore';

export function carryOverOptOuts(client: Database.Database, replacedFile: string, now: number): { listed: number; leadsMarked: number } {
  client.prepare(`ATTACH DATABASE ? AS ${REPLACED}`).run(replacedFile);
  try {
    const hasList = client.prepare(`SELECT 1 FROM ${REPLACED}.sqlite_master WHERE type = 'table' AND name = 'opt_outs'`).get() !== undefined;
    if (!hasList) return { listed: 0, leadsMarked: 0 };
    // A lead's own mark is credited to no company here: company ids are the restored database's, and lifting
    // a lead of the same id must not take off the list what another lead's mark put there (edit-check.ts).
    const carry = client.prepare<[], { kind: 'phone' | 'email'; value: string }>(
      `INSERT INTO opt_outs (kind, value, source, reason, company_id, created_at)
       SELECT kind, value, source, reason, NULL, created_at FROM ${REPLACED}.opt_outs WHERE removed_at IS NULL
       ON CONFLICT (value) DO UPDATE SET source = excluded.source, reason = excluded.reason, company_id = NULL,
         created_at = excluded.created_at, removed_at = NULL, removed_reason = NULL
       WHERE opt_outs.removed_at IS NOT NULL
       RETURNING kind, value`,
    );
    const mark = (column: 'phone' | 'email_key') =>
      client.prepare<[number, string], { id: number }>(
        `UPDATE leads SET do_not_contact = 1, status = ${OPTED_OUT_STATUS_SQL}, updated_at = ?
         WHERE company_id IN (SELECT id FROM companies) AND ${column} = ? AND do_not_contact = 0 RETURNING id`,
      );
    const byPhone = mark('phone');
    const byEmail = mark('email_key');
    const queue = new JobQueue(client);
    return client.transaction(() => {
      const listed = carry.all();
      let leadsMarked = 0;
      for (const { kind, value } of listed) {
        for (const { id } of (kind === 'phone' ? byPhone : byEmail).all(now, value)) {
          queue.cancelPending(id, now);
          leadsMarked++;
        }
      }
      return { listed: listed.length, leadsMarked };
    }).immediate();
  } finally {
    client.exec(`DETACH DATABASE ${REPLACED}`);
    // Reading a WAL database leaves its side files beside it: the kept copy stays one file.
    for (const sidecar of ['-wal', '-shm']) rmSync(`${replacedFile}${sidecar}`, { force: true });
  }
}
