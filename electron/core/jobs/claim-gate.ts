/**
 * The scheduler's gate on the claim (issue #13 item 4): a lead never enrolled is claimed only while its
 * place's window is open and its company has cap left today; a lead already enrolled (an edit's re-send,
 * a contact update with no text) is not paced. Nothing reaches GHL before the lead's turn, because a job
 * that is not claimed is never sent.
 *
 * Why the job row carries the lead's placement (sync_jobs.send_gate / send_zone / send_state, kept by the
 * trigger sync_jobs_follow_lead, migration 0019): the old claim walked sync_jobs_claim_idx (company,
 * state, next_run_at) and joined each row's lead. With the gate, the first rows in that order can all be
 * in a closed zone (a million Pacific leads imported before the Eastern ones, at 09:30 Eastern): the
 * claim would read them all to find none. On the job row, sync_jobs_paced_idx (company, zone,
 * next_run_at) WHERE state = 'queued' AND send_gate = 'paced' starts each open zone's range at its
 * oldest due job, so a claim reads about as many rows as it takes (scripts/bench/sync.ts measures it).
 *
 * Per claim, all from indexes: the company's schedule (one row, compiled once per change), leads
 * enrolled since its day began (enrolment_log_company_at_idx, at most a day's cap), its paced jobs being
 * sent (claimed, not yet enrolled: they count against the cap too), the zones its waiting leads are in
 * (one seek per zone), then per open zone the oldest due jobs outside the states a stricter rule closes.
 */
import type Database from 'better-sqlite3';
import { closedKeysOfSeveral, closedWideMarginKeys, compileSchedule, hasWideMargin, EVERY_UNSURE_KEY, UNKNOWN_PLACE_KEY, firstWindowInstant, isSendableNow, nextSendAt, openZonesNow, STATE_RULES, STATES_SEPARATOR, type CompiledSchedule } from '../../pacing';
import { capHourStart, companyDayStart, ENROLLED_AT_SINCE_SQL, ENROLLED_SINCE_SQL, hourlyCapFreesAt } from '../schedule/company-day';
import { machineTimeZone, scheduleOf, type ScheduleColumns } from '../schedule/schedule-of';


/**
 * What a company's lane may claim: everything its schedule lets go; only what enrols nobody (its campaign's workflow
 * is gone from GHL: re-sends and DND); only the DND of its do-not-contact leads (the office paused it: a customer who
 * opted out must get DND in GHL, where a workflow begun before the pause goes on texting).
 */
export type ClaimScope = 'all' | 'free' | 'opted-out';

/** A zone of the company's waiting leads as the job rows store it: an IANA name, or null = the company's own zone. */
type ZoneKey = string | null;

export interface OpenPlace {
  zone: ZoneKey;
  /** The rule states (USPS codes) whose stricter window is closed now in this zone. */
  closedStates: string[];
}

/** What a claim of one company may take now: at most `capLeft` never-enrolled leads, from these places. */
export interface GateOpening {
  capLeft: number;
  places: OpenPlace[];
}

interface Picked {
  id: number;
  nextRunAt: number;
}

const PACED = `company_id = @companyId AND state = 'queued' AND send_gate = 'paced'`;
/**
 * Queued jobs of leads whose enrolment went out without an answer (company-day.ts): already counted against
 * the caps, so their retry (which first asks GHL whether the enrolment landed) takes no place of its own.
 */
const SETTLING = `ghl_creates g JOIN sync_jobs j ON j.lead_id = g.lead_id
  WHERE g.state = 'pending' AND g.kind IN ('enrol-workflow', 'enrol-tag')
    AND j.company_id = @companyId AND j.state = 'queued' AND j.send_gate = 'paced'`;
/**
 * Not a closed rules key; nor unsure ('AZ~') while every unsure key is closed (pace.ts EVERY_UNSURE_KEY). A key of
 * several states ('FL+TX~') is listed closed by opening() when one of its states is (closedKeysOfSeveral): worked
 * out per key here, a check per row in SQL made a claim three times slower over 200k such leads (a review).
 */
const OUTSIDE_CLOSED_STATES = `(send_state IS NULL OR (send_state NOT IN (SELECT value FROM json_each(@closed))
  AND NOT (send_state LIKE '%${EVERY_UNSURE_KEY}' AND '${EVERY_UNSURE_KEY}' IN (SELECT value FROM json_each(@closed)))))`;

/**
 * Not a lead held until another company's GHL can be asked about the customer's opt-out there (held-elsewhere.ts),
 * before its next try: it waits for someone (a key) or for GHL, not for this runner, so it is not work now (`rlm sync
 * --until-idle` waited its whole timeout behind one) but a block (blocked.ts).
 */
const NOT_HELD_ELSEWHERE = `(next_run_at <= @now OR held_for_company_id IS NULL)`;

/** How many of a zone's leads not due yet are read for one that is not held (anyWaitingSql). */
const HELD_SCAN_LIMIT = 500;

/**
 * Any of the zone's waiting leads outside the closed states that goes by itself: one due now, from the index alone; or a
 * retry not due yet (work: it goes soon) that is not held for another company's GHL (not work: it waits for someone).
 * Telling those apart reads the table, so at most HELD_SCAN_LIMIT of them: 200,000 held leads took ~40 ms a look,
 * twice a second. Past that many held ones, a retry behind them counts once it is due.
 */
const anyWaitingSql = (zone: string) =>
  `SELECT 1 AS one WHERE EXISTS (SELECT 1 FROM sync_jobs INDEXED BY sync_jobs_paced_idx WHERE ${PACED} AND ${zone} AND ${OUTSIDE_CLOSED_STATES} AND next_run_at <= @now)
     OR EXISTS (SELECT 1 FROM (SELECT held_for_company_id AS heldFor FROM sync_jobs INDEXED BY sync_jobs_paced_idx
                                WHERE ${PACED} AND ${zone} AND ${OUTSIDE_CLOSED_STATES} AND next_run_at > @now LIMIT ${HELD_SCAN_LIMIT})
                WHERE heldFor IS NULL)`;

/**
 * The rules keys whose window may be narrower than a zone's own: the state rules, and leads whose zone is
 * unsure (an hour to spare inside the law's hours: '~', 'TX~'…). A zone open with nothing to send waits for these.
 */
const NARROWER_RULE_KEYS = [...STATE_RULES.map((rule) => rule.state), EVERY_UNSURE_KEY, UNKNOWN_PLACE_KEY, ...STATE_RULES.map((rule) => `${rule.state}${EVERY_UNSURE_KEY}`)];

export class ClaimGate {
  private readonly schedules = new Map<number, { key: string; compiled: CompiledSchedule }>();
  /** Per zone, the day start worked out for the last minute asked: Intl is slow, and a claim asks every time. */
  private readonly dayStarts = new Map<string, { minute: number; start: number }>();
  private readonly s;

  constructor(
    db: Database.Database,
    private readonly fallbackZone: () => string = machineTimeZone,
  ) {
    this.s = {
      company: db.prepare<[number], ScheduleColumns>(
        `SELECT daily_cap AS dailyCap, hourly_cap AS hourlyCap, send_days AS sendDays, send_window_start AS sendWindowStart, send_window_end AS sendWindowEnd,
                time_zone AS timeZone, start_date AS startDate, days_off AS daysOff FROM companies WHERE id = ?`,
      ),
      enrolledSince: db.prepare<{ companyId: number; since: number }, { n: number }>(ENROLLED_SINCE_SQL),
      enrolledAtSince: db.prepare<{ companyId: number; since: number; offset: number }, { at: number }>(ENROLLED_AT_SINCE_SQL),
      pacedRunning: db.prepare<[number], { n: number }>(
        `SELECT count(*) AS n FROM sync_jobs WHERE company_id = ? AND state = 'running' AND send_gate = 'paced'`,
      ),
      // The distinct zones of the waiting leads, one index seek each (a loose index scan by hand).
      zoneAfter: db.prepare<{ companyId: number; after: string }, { zone: string }>(
        `SELECT send_zone AS zone FROM sync_jobs WHERE ${PACED} AND send_zone > @after ORDER BY send_zone LIMIT 1`,
      ),
      // The keys of several states, and those with a wider margin than an hour ('TX~5'), among the company's waiting
      // leads, per zone ('' = the company's own): each judged on its own (closedKeysOfSeveral, closedWideMarginKeys).
      // From the trigger-kept counts, a handful of rows.
      keysJudgedApart: db.prepare<[number], { zone: string; state: string }>(
        `SELECT DISTINCT zone, state FROM waiting_job_counts WHERE company_id = ? AND n > 0
           AND (instr(state, '${STATES_SEPARATOR}') > 0 OR state GLOB '*${EVERY_UNSURE_KEY}[0-9]*')`,
      ),
      hasCompanyZone: db.prepare<{ companyId: number }, { one: number }>(`SELECT 1 AS one FROM sync_jobs WHERE ${PACED} AND send_zone IS NULL LIMIT 1`),
      pickInZone: db.prepare<{ companyId: number; zone: string; closed: string; now: number; limit: number }, Picked>(
        `SELECT id, next_run_at AS nextRunAt FROM sync_jobs INDEXED BY sync_jobs_paced_idx
         WHERE ${PACED} AND send_zone = @zone AND next_run_at <= @now AND ${OUTSIDE_CLOSED_STATES}
         ORDER BY next_run_at, id LIMIT @limit`,
      ),
      pickInCompanyZone: db.prepare<{ companyId: number; closed: string; now: number; limit: number }, Picked>(
        `SELECT id, next_run_at AS nextRunAt FROM sync_jobs INDEXED BY sync_jobs_paced_idx
         WHERE ${PACED} AND send_zone IS NULL AND next_run_at <= @now AND ${OUTSIDE_CLOSED_STATES}
         ORDER BY next_run_at, id LIMIT @limit`,
      ),
      anyInZone: db.prepare<{ companyId: number; zone: string; closed: string; now: number }, { one: number }>(anyWaitingSql('send_zone = @zone')),
      anyInCompanyZone: db.prepare<{ companyId: number; closed: string; now: number }, { one: number }>(anyWaitingSql('send_zone IS NULL')),
      // A do-not-contact lead's DND for GHL (its job is 'free': it enrols nobody), while the office paused the company.
      pickOptedOut: db.prepare<[number, number, number], Picked>(
        `SELECT j.id, j.next_run_at AS nextRunAt FROM sync_jobs j INDEXED BY sync_jobs_free_idx JOIN leads l ON l.id = j.lead_id
         WHERE j.company_id = ? AND j.state = 'queued' AND j.send_gate = 'free' AND j.next_run_at <= ? AND l.do_not_contact = 1
         ORDER BY j.next_run_at, j.id LIMIT ?`,
      ),
      anyOptedOutOrRunning: db.prepare<{ companyId: number }, { one: number }>(
        `SELECT 1 AS one WHERE EXISTS (SELECT 1 FROM sync_jobs WHERE company_id = @companyId AND state = 'running')
            OR EXISTS (SELECT 1 FROM sync_jobs j INDEXED BY sync_jobs_free_idx JOIN leads l ON l.id = j.lead_id
                       WHERE j.company_id = @companyId AND j.state = 'queued' AND j.send_gate = 'free' AND l.do_not_contact = 1)`,
      ),
      pickFree: db.prepare<[number, number, number], Picked>(
        `SELECT id, next_run_at AS nextRunAt FROM sync_jobs INDEXED BY sync_jobs_free_idx
         WHERE company_id = ? AND state = 'queued' AND send_gate = 'free' AND next_run_at <= ? ORDER BY next_run_at, id LIMIT ?`,
      ),
      // Left to the cap, a settling retry could wait for the day's end behind its own count.
      pickSettling: db.prepare<{ companyId: number; now: number; limit: number }, Picked>(
        `SELECT DISTINCT j.id, j.next_run_at AS nextRunAt FROM ${SETTLING} AND j.next_run_at <= @now ORDER BY j.next_run_at, j.id LIMIT @limit`,
      ),
      // Being sent, a re-send (due or waiting for its retry), a lead the worker has yet to place, or one to settle.
      heldElsewhereDue: db.prepare<{ companyId: number; now: number }, { at: number | null }>(
        `SELECT min(next_run_at) AS at FROM sync_jobs INDEXED BY sync_jobs_held_elsewhere_idx
         WHERE company_id = @companyId AND state = 'queued' AND held_for_company_id IS NOT NULL AND next_run_at > @now`,
      ),
      anyFreeOrRunning: db.prepare<{ companyId: number; now: number }, { one: number }>(
        `SELECT 1 AS one WHERE EXISTS (SELECT 1 FROM sync_jobs WHERE company_id = @companyId AND state = 'running')
            OR EXISTS (SELECT 1 FROM sync_jobs INDEXED BY sync_jobs_free_idx WHERE company_id = @companyId AND state = 'queued' AND send_gate = 'free' AND ${NOT_HELD_ELSEWHERE})`,
      ),
      anyUnpaced: db.prepare<{ companyId: number; now: number }, { one: number }>(
        `SELECT 1 AS one WHERE EXISTS (SELECT 1 FROM sync_jobs WHERE company_id = @companyId AND state = 'running')
            OR EXISTS (SELECT 1 FROM sync_jobs INDEXED BY sync_jobs_free_idx WHERE company_id = @companyId AND state = 'queued' AND send_gate = 'free' AND ${NOT_HELD_ELSEWHERE})
            OR EXISTS (SELECT 1 FROM sync_jobs INDEXED BY sync_jobs_unplaced_idx WHERE company_id = @companyId AND state = 'queued' AND send_gate = 'unplaced')
            OR EXISTS (SELECT 1 FROM queued_without_jobs WHERE company_id = @companyId)
            OR EXISTS (SELECT 1 FROM ${SETTLING})`,
      ),
    };
  }

  /** The company's schedule, compiled again only when its columns (or the fallback zone) change. */
  schedule(companyId: number): CompiledSchedule | null {
    const row = this.s.company.get(companyId);
    if (!row) return null;
    // Only a company whose zone is not known yet needs the fallback (reading the machine's zone costs an Intl object).
    const fallback = row.timeZone === null ? this.fallbackZone() : '';
    const key = JSON.stringify([row, fallback]);
    const cached = this.schedules.get(companyId);
    if (cached?.key === key) return cached.compiled;
    const compiled = compileSchedule(scheduleOf(row, fallback || undefined));
    this.schedules.set(companyId, { key, compiled });
    return compiled;
  }

  /** The zones the company's waiting never-enrolled leads are in. */
  private zoneKeys(companyId: number): ZoneKey[] {
    const keys: ZoneKey[] = this.s.hasCompanyZone.get({ companyId }) ? [null] : [];
    let after = '';
    for (;;) {
      const row = this.s.zoneAfter.get({ companyId, after });
      if (!row) return keys;
      keys.push(row.zone);
      after = row.zone;
    }
  }

  /** Leads that count against today's cap: enrolled since the company's day began, or being sent now. */
  private usedToday(companyId: number, schedule: CompiledSchedule, now: number): number {
    return this.s.enrolledSince.get({ companyId, since: this.dayStart(now, schedule.timeZone) })!.n + this.s.pacedRunning.get(companyId)!.n;
  }

  /** Leads that count against the hourly cap: enrolled in the last 60 minutes, or being sent now. */
  private usedThisHour(companyId: number, now: number): number {
    return this.s.enrolledSince.get({ companyId, since: capHourStart(now) })!.n + this.s.pacedRunning.get(companyId)!.n;
  }

  /** How many more the hourly cap lets go now (Infinity without one). */
  private hourLeft(companyId: number, schedule: CompiledSchedule, now: number): number {
    return schedule.hourlyCap === null ? Number.POSITIVE_INFINITY : Math.max(0, schedule.hourlyCap - this.usedThisHour(companyId, now));
  }

  /** When the hourly cap, reached at `now`, lets the next lead go (null: the hour has room). */
  private hourFreesAt(companyId: number, schedule: CompiledSchedule, now: number): number | null {
    if (schedule.hourlyCap === null) return null;
    const since = capHourStart(now);
    return hourlyCapFreesAt(schedule.hourlyCap, this.usedThisHour(companyId, now), (offset) => this.s.enrolledAtSince.get({ companyId, since, offset })?.at, now);
  }

  private dayStart(now: number, timeZone: string): number {
    const minute = Math.floor(now / 60_000);
    const cached = this.dayStarts.get(timeZone);
    if (cached?.minute === minute) return cached.start;
    const start = companyDayStart(now, timeZone);
    this.dayStarts.set(timeZone, { minute, start });
    return start;
  }

  /** Where and how many never-enrolled leads of the company may be claimed at `now`. */
  opening(companyId: number, now: number): GateOpening {
    const schedule = this.schedule(companyId);
    if (!schedule) return { capLeft: 0, places: [] };
    const used = this.usedToday(companyId, schedule, now);
    const capLeft = Math.min(Math.max(0, schedule.dailyCap - used), this.hourLeft(companyId, schedule, now));
    if (capLeft === 0) return { capLeft, places: [] };
    const keys = this.zoneKeys(companyId);
    const ianaOf = (key: ZoneKey) => key ?? schedule.timeZone;
    const open = new Map(openZonesNow([...new Set(keys.map(ianaOf))], schedule, now, used).map((zone) => [zone.timeZone, zone.closedStates]));
    const places: OpenPlace[] = [];
    const severalByZone = Map.groupBy(this.s.keysJudgedApart.all(companyId), (row) => row.zone);
    for (const zone of keys) {
      const closedStates = open.get(ianaOf(zone));
      if (!closedStates) continue;
      const several = (severalByZone.get(zone ?? '') ?? []).map((row) => row.state);
      const closedWide = closedWideMarginKeys(several, schedule, ianaOf(zone), now);
      places.push({ zone, closedStates: [...closedStates, ...closedKeysOfSeveral(several, closedStates), ...closedWide] });
    }
    return { capLeft, places };
  }

  /** Whether the window of a lead's place (zone: null = the company's own) is open at `now`; the cap is not asked. */
  isOpenFor(companyId: number, place: { zone: ZoneKey; state: string | null }, now: number): boolean {
    const schedule = this.schedule(companyId);
    if (!schedule) return false;
    return isSendableNow({ timeZone: place.zone ?? schedule.timeZone, state: place.state }, schedule, now);
  }

  /**
   * Up to `limit` job ids the company may send now, oldest first (next_run_at, id): the due re-sends of
   * enrolled leads, the due retries of enrolments GHL did not answer (counted already), and the due
   * never-enrolled leads of open places up to the cap left.
   */
  pick(companyId: number, limit: number, now: number, { scope = 'all' }: { scope?: ClaimScope } = {}): number[] {
    // Enrolments held (the campaign's workflow is gone from GHL): only what enrols nobody goes, a do-not-contact
    // lead's DND above all. The office's pause: only that DND.
    if (scope === 'free') return this.s.pickFree.all(companyId, now, limit).map((row) => row.id);
    if (scope === 'opted-out') return this.s.pickOptedOut.all(companyId, now, limit).map((row) => row.id);
    const free = [...this.s.pickFree.all(companyId, now, limit), ...this.s.pickSettling.all({ companyId, now, limit })];
    const { capLeft, places } = this.opening(companyId, now);
    const pacedLimit = Math.min(limit, capLeft);
    const paced: Picked[] = [];
    if (pacedLimit > 0) {
      for (const place of places) {
        const closed = JSON.stringify(place.closedStates);
        paced.push(
          ...(place.zone === null
            ? this.s.pickInCompanyZone.all({ companyId, closed, now, limit: pacedLimit })
            : this.s.pickInZone.all({ companyId, zone: place.zone, closed, now, limit: pacedLimit })),
        );
      }
    }
    const byAge = (a: Picked, b: Picked) => a.nextRunAt - b.nextRunAt || a.id - b.id;
    const settling = new Set(free.map((row) => row.id));
    const pacedTaken = paced.filter((row) => !settling.has(row.id)).sort(byAge).slice(0, pacedLimit);
    return [...free, ...pacedTaken].sort(byAge).slice(0, limit).map((row) => row.id);
  }

  /**
   * Whether the company has something to do now or soon by itself: a job being sent, a re-send (due or
   * waiting for its retry), a lead not placed yet, or a never-enrolled lead in an open place with cap left; not a lead
   * held for another company's GHL before its next try (NOT_HELD_ELSEWHERE). False when all it
   * has waits for its window, its day or the cap (scheduled), which is idle, not busy.
   */
  hasWorkNow(companyId: number, now: number, { scope = 'all' }: { scope?: ClaimScope } = {}): boolean {
    if (scope === 'free') return this.s.anyFreeOrRunning.get({ companyId, now }) !== undefined;
    if (scope === 'opted-out') return this.s.anyOptedOutOrRunning.get({ companyId }) !== undefined;
    if (this.s.anyUnpaced.get({ companyId, now })) return true;
    const { places } = this.opening(companyId, now);
    return places.some((place) => {
      const closed = JSON.stringify(place.closedStates);
      return (place.zone === null ? this.s.anyInCompanyZone.get({ companyId, closed, now }) : this.s.anyInZone.get({ companyId, zone: place.zone, closed, now })) !== undefined;
    });
  }

  /**
   * When the company's next lead held for another company's GHL is tried again (NOT_HELD_ELSEWHERE), null for none: the
   * runner, idle meanwhile, wakes for it (it slept up to a minute past it).
   */
  nextHeldRetry(companyId: number, now: number): number | null {
    return this.s.heldElsewhereDue.get({ companyId, now })?.at ?? null;
  }

  /**
   * The first instant after `now` at which one of the company's waiting never-enrolled leads may go
   * (its window, day, start date or the cap's next day), null when none waits or none ever may. For the
   * runner's sleep: a zone already open at `now` with nothing to send holds leads of a state whose rule
   * is narrower, or whose zone is unsure, so those windows' openings are the candidates there.
   */
  nextOpening(companyId: number, now: number): number | null {
    const schedule = this.schedule(companyId);
    if (!schedule) return null;
    const used = this.usedToday(companyId, schedule, now);
    // The hourly cap reached: nothing before a place frees up (and the day's count is asked then).
    const from = this.hourFreesAt(companyId, schedule, now) ?? now;
    const usedThen = from === now ? used : this.usedToday(companyId, schedule, from);
    let next: number | null = null;
    const consider = (at: number | null) => {
      if (at !== null && at > now && (next === null || at < next)) next = at;
    };
    const severalByZone = Map.groupBy(this.s.keysJudgedApart.all(companyId), (row) => row.zone);
    for (const zone of this.zoneKeys(companyId)) {
      const timeZone = zone ?? schedule.timeZone;
      const at = nextSendAt({ timeZone }, schedule, from, usedThen);
      if (at !== null && at <= now) {
        for (const state of NARROWER_RULE_KEYS) consider(firstWindowInstant({ timeZone, state }, schedule, now));
        // A wider margin than an hour ('TX~5') opens later than any of those: asked itself.
        for (const { state } of severalByZone.get(zone ?? '') ?? []) if (hasWideMargin(state)) consider(firstWindowInstant({ timeZone, state }, schedule, now));
      } else consider(at);
    }
    return next;
  }
}
