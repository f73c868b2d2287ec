/**
 * The status a lead takes when it is marked do-not-contact (by the opt-out list, at the claim, once GHL
 * has its DND): 'do-not-contact', except a lead GHL reported on DND, whose 'dnd' says more. One
 * expression for every writer (opt-out-service.ts, the JobQueue's lease statements).
 */
export const OPTED_OUT_STATUS_SQL = `CASE WHEN status = 'dnd' THEN 'dnd' ELSE 'do-not-contact' END`;
