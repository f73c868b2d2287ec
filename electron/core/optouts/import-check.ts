import type Database from 'better-sqlite3';

/** Just the keys the check reads, so any draft shape (import rows, typed leads) can be checked. */
interface Checkable {
  phone: string | null;
  emailKey: string | null;
  doNotContact: boolean;
}

/**
 * The import's do-not-contact decision against the office-wide opt-out list: a row whose phone or email is
 * on the list is stored as do-not-contact (so it never queues). Returns how many rows the list matched
 * (counted also when the row's own column already said do-not-contact: the list is why it stays out).
 * One indexed lookup per key; a list that is empty costs one query per chunk.
 */
export function createOptOutCheck(client: Database.Database): (drafts: Checkable[]) => number {
  const hasAny = client.prepare('SELECT EXISTS (SELECT 1 FROM opt_outs WHERE removed_at IS NULL) AS present').pluck();
  const isListed = client.prepare<[string]>('SELECT 1 FROM opt_outs WHERE value = ? AND removed_at IS NULL').pluck();
  return (drafts) => {
    if (drafts.length === 0 || hasAny.get() !== 1) return 0;
    let matched = 0;
    for (const draft of drafts) {
      if ((draft.phone && isListed.get(draft.phone)) || (draft.emailKey && isListed.get(draft.emailKey))) {
        draft.doNotContact = true;
        matched++;
      }
    }
    return matched;
  };
}
