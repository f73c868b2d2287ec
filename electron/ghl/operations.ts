/**
 * The calls the client makes, and the one fact about each that decides its retries: may it be sent
 * a second time when the first try's outcome is unknown?
 *
 * - Reads (GET), upsert and update are idempotent: a second upsert or update (PUT) writes the same contact again.
 * - Tag adds (one contact or bulk) are treated as idempotent: adding a tag the contact already has
 *   changes nothing and does not fire the Contact Tag trigger again (GHL-NOTES), so a repeat is harmless.
 * - Setting DND (PUT with `dnd: true` only) is idempotent: a repeat sets what is set.
 * - Delete is idempotent by HTTP semantics; a repeat of a delete that went through answers "not found",
 *   which `deleteContact` reports as already gone.
 * - Enrolment, note and custom-field creation are not: a second POST makes a second enrolment (a
 *   second campaign text), a second note, a second field. Create contact would be too (the client
 *   has none; upsert replaces it).
 */
export const GHL_OPERATIONS = {
  getLocation: { isIdempotent: true },
  getContact: { isIdempotent: true },
  findContact: { isIdempotent: true },
  upsertContact: { isIdempotent: true },
  updateContact: { isIdempotent: true },
  addTags: { isIdempotent: true },
  bulkAddTags: { isIdempotent: true },
  listWorkflows: { isIdempotent: true },
  listNotes: { isIdempotent: true },
  listCustomFields: { isIdempotent: true },
  deleteContact: { isIdempotent: true },
  setDnd: { isIdempotent: true },
  addToWorkflow: { isIdempotent: false },
  createNote: { isIdempotent: false },
  createCustomField: { isIdempotent: false },
} as const satisfies Record<string, { isIdempotent: boolean }>;

/** The operations the client performs; used in attempt records and errors. */
export type GhlOperation = keyof typeof GHL_OPERATIONS;

export function isIdempotent(operation: GhlOperation): boolean {
  return GHL_OPERATIONS[operation].isIdempotent;
}
