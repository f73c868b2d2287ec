/**
 * A lead's other phones and emails (db/schema.ts leadOtherKeys): the import row's that the lead did not keep. Stored
 * with the lead, in the import's transaction, so that its opt-out holds for them too (the trigger
 * leads_opt_out_other_keys lists them; opt-out-everywhere.ts spreads by them).
 */
import type Database from 'better-sqlite3';
import type { ContactKey } from '../../parsing/contact-values';

export function prepareStoreOtherKeys(client: Database.Database): (leadId: number, keys: readonly ContactKey[] | undefined) => void {
  const insert = client.prepare<[number, string, string]>('INSERT INTO lead_other_keys (lead_id, kind, value) VALUES (?, ?, ?) ON CONFLICT DO NOTHING');
  return (leadId, keys) => {
    for (const key of keys ?? []) insert.run(leadId, key.kind, key.value);
  };
}
