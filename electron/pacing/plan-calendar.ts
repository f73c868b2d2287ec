/**
 * The company days a sending plan walks (plan.ts), each with its places' windows.
 */
import { addDays, dateKey, offsetAt, startOfDay, type LocalDate } from './local-time';
import { firstWindow } from './pace';
import { effectiveWindow, isDayOff, startableWindow, windowOn, type CompiledSchedule, type Place } from './windows';
import { isClosedOnHolidays } from './legal-floor';
import { isFederalHoliday, nextFederalHoliday } from '../../shared/us-holidays';

/** A window of one place within a company day: when it opens and when its last lead may start. */
export interface PlaceWindow {
  place: number;
  opens: number;
  closes: number;
}

/** A company day as the plan walks it: what is left of it from `now`, and every place's windows in it. */
export interface PlanDate {
  date: LocalDate;
  isToday: boolean;
  /** Every place's windows in the day (from `now` today), in order of opening. */
  windows: readonly PlaceWindow[];
}

/**
 * The company days of one plan, each with its places' windows. Working a window out through the zone's
 * rules costs tens of microseconds of Intl, and a plan of many places walks hundreds of days; but on a day
 * under which no zone involved changes its clock, each zone's local time is the instant plus one offset, so
 * its windows are arithmetic (a queue of years over fifty places costs milliseconds, not a dashboard's
 * second). Today and the days of a clock change are worked out through firstWindow (pace.ts), the
 * scheduler's own answer; tests/unit/pacing/plan-calendar.test.ts holds the two to the same windows.
 */
export class PlanCalendar {
  private readonly zones: string[];
  /** Per company day: the UTC offsets of `zones` at its start, and their key. */
  private readonly clocks = new Map<string, { offsets: number[]; key: string }>();
  private readonly starts = new Map<string, number>();
  /** Windows that open at the same instant, in the order the claim gate serves them (`byOpening`). */
  private readonly byOpening: (a: PlaceWindow, b: PlaceWindow) => number;
  /** Some place's leads wait out legal holidays (a state that bans texts on them, or nothing says where they live). */
  private readonly hasHolidayClosedPlaces: boolean;

  constructor(
    private readonly places: readonly (Place & { oldest?: number })[],
    private readonly schedule: CompiledSchedule,
    private readonly now: number,
  ) {
    this.zones = [...new Set([schedule.timeZone, ...places.map((place) => place.timeZone)])];
    this.hasHolidayClosedPlaces = places.some((place) => isClosedOnHolidays(place.state));
    // The gate hands a cap out to the oldest jobs of the places open (claim-gate.ts, byAge): of two places that
    // open together, the one whose oldest lead waited longer goes first. Ten older Mississippi leads and ten
    // newer Illinois ones opening at the same 10:00 read "Illinois Saturday, Mississippi Monday" (no Sunday
    // texts there), and the gate sent Mississippi's Saturday and Illinois's Sunday.
    const oldest = places.map((place) => place.oldest ?? Number.POSITIVE_INFINITY);
    this.byOpening = (a, b) => a.opens - b.opens || oldest[a.place]! - oldest[b.place]! || a.place - b.place;
  }

  /** The UTC offsets of every zone involved at the start of company day `date`, as a key. */
  clocksOn(date: LocalDate): string {
    return this.clocksAt(date).key;
  }

  /**
   * A day off, or a legal holiday that closes some place's leads, falls on a local day that company day `date` touches
   * somewhere (the day before to the day after): such a day is not like the same weekday of other weeks, so the plan
   * walks it rather than jump over it.
   */
  touchesDayOff(date: LocalDate): boolean {
    if (this.schedule.daysOff.size === 0 && !this.hasHolidayClosedPlaces) return false;
    return [-1, 0, 1].some((shift) => {
      const day = addDays(date, shift);
      return isDayOff(this.schedule, day) || (this.hasHolidayClosedPlaces && isFederalHoliday(dateKey(day)));
    });
  }

  /**
   * The first day after `date` ('YYYY-MM-DD') that may close a day the same weekday of other weeks keeps open: a day
   * off, or a legal holiday up to `holidaysUntil` when some place's leads wait those out. Undefined when none does.
   */
  nextClosingDay(date: string, holidaysUntil: string): string | undefined {
    const dayOff = [...this.schedule.daysOff].find((day) => day > date); // compileSchedule keeps them in order
    const next = this.hasHolidayClosedPlaces ? nextFederalHoliday(date) : undefined;
    const holiday = next !== undefined && next <= holidaysUntil ? next : undefined;
    return dayOff === undefined || (holiday !== undefined && holiday < dayOff) ? holiday : dayOff;
  }

  /** No zone involved changes its clock during company day `date`. */
  isSteady(date: LocalDate): boolean {
    return this.clocksOn(date) === this.clocksOn(addDays(date, 1));
  }

  /** Company day `date` with its windows, or null when it is over (or before the start date). */
  day(date: LocalDate): PlanDate | null {
    if (this.schedule.startDate && dateKey(date) < this.schedule.startDate) return null;
    const dayStart = this.startOf(date);
    const dayEnd = this.startOf(addDays(date, 1));
    if (dayEnd <= this.now) return null;
    const isToday = dayStart <= this.now;
    const windows = isToday || !this.isSteady(date) ? this.windowsByRules(Math.max(dayStart, this.now), dayEnd) : this.steadyWindows(date, dayStart, dayEnd);
    return { date, isToday, windows };
  }

  /** Every place's windows within company day `date` by the zones' rules (for comparing the two ways). */
  windowsByRulesOn(date: LocalDate): PlaceWindow[] {
    return this.windowsByRules(this.startOf(date), this.startOf(addDays(date, 1)));
  }

  /** Every place's windows within a steady company day `date`, by arithmetic. */
  steadyWindows(date: LocalDate, dayStart = this.startOf(date), dayEnd = this.startOf(addDays(date, 1))): PlaceWindow[] {
    const { offsets } = this.clocksAt(date);
    const windows: PlaceWindow[] = [];
    for (const [index, place] of this.places.entries()) {
      const offset = offsets[this.zones.indexOf(place.timeZone)]!;
      // The local days the company day touches there, as days since 1970-01-01 (a Thursday: weekday 3).
      for (let localDay = Math.floor((dayStart + offset) / DAY); localDay <= Math.floor((dayEnd - 1 + offset) / DAY); localDay++) {
        // By weekday alone unless a date can close the day: a day off, or a legal holiday in the lead's state.
        const window = startableWindow(
          this.schedule.daysOff.size > 0 || isClosedOnHolidays(place.state)
            ? windowOn(this.schedule, place.state, dayNumberDate(localDay))
            : effectiveWindow(this.schedule, place.state, (localDay + 3) % 7),
        );
        if (window === null) continue;
        const opens = Math.max(dayStart, localDay * DAY + window.start * MINUTE - offset);
        const closes = Math.min(dayEnd, localDay * DAY + window.end * MINUTE - offset);
        if (opens < closes) windows.push({ place: index, opens, closes });
      }
    }
    return windows.sort(this.byOpening);
  }

  private clocksAt(date: LocalDate): { offsets: number[]; key: string } {
    const key = dateKey(date);
    let clocks = this.clocks.get(key);
    if (clocks === undefined) {
      const instant = this.startOf(date);
      const offsets = this.zones.map((zone) => offsetAt(instant, zone));
      clocks = { offsets, key: offsets.join(',') };
      this.clocks.set(key, clocks);
    }
    return clocks;
  }

  /** The instant company day `date` begins (each day's end is the next one's start: worked out once). */
  private startOf(date: LocalDate): number {
    const key = dateKey(date);
    let start = this.starts.get(key);
    if (start === undefined) {
      start = startOfDay(date, this.schedule.timeZone);
      this.starts.set(key, start);
    }
    return start;
  }

  /** Every place's windows within [from, until), cut at `until`, in order of opening. */
  private windowsByRules(from: number, until: number): PlaceWindow[] {
    const windows: PlaceWindow[] = [];
    for (const [index, place] of this.places.entries()) {
      for (let at = from; at < until; ) {
        const window = firstWindow(place, this.schedule, at);
        if (window === null || window.opens >= until) break;
        windows.push({ place: index, opens: window.opens, closes: Math.min(window.closes, until) });
        at = window.closes;
      }
    }
    return windows.sort(this.byOpening);
  }
}

const MINUTE = 60_000;
const DAY = 86_400_000;

/** Day `n` since 1970-01-01 as a calendar day. */
function dayNumberDate(n: number): LocalDate {
  const date = new Date(n * DAY);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}
