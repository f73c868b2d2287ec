import { describe, expect, it } from 'vitest';
import { localDate, localDateTime } from '../../../electron/lib/local-time';

/** What Intl says, field by field: the reference the cached offsets must agree with. */
function byIntl(format: Intl.DateTimeFormat, ms: number): string {
  const parts = format.formatToParts(ms);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

describe('local times', () => {
  it('cross midnight and DST changes as the zone does', () => {
    // 2026-03-08 08:00 UTC is 02:00 CST, the moment Chicago springs forward to 03:00 CDT.
    expect(localDateTime(Date.UTC(2026, 2, 8, 7, 59), 'America/Chicago')).toBe('2026-03-08 01:59');
    expect(localDateTime(Date.UTC(2026, 2, 8, 8, 0), 'America/Chicago')).toBe('2026-03-08 03:00');
    expect(localDate(Date.UTC(2026, 11, 1, 3, 30), 'America/Chicago')).toBe('2026-11-30');
    expect(localDate(Date.UTC(2026, 11, 1, 3, 30), 'Europe/London')).toBe('2026-12-01');
  });

  it('agree with Intl minute by minute in zones with odd offsets and half-hour DST', () => {
    const zones = ['America/Chicago', 'America/St_Johns', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Pacific/Chatham', 'UTC'];
    let x = 12345;
    const random = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (const zone of zones) {
      const format = new Intl.DateTimeFormat('en-US', {
        timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
      });
      for (let i = 0; i < 2_000; i++) {
        const ms = Date.UTC(2018, 0, 1) + Math.floor(random() * 10 * 365 * 86_400_000);
        expect(localDateTime(ms, zone), `${zone} ${new Date(ms).toISOString()}`).toBe(byIntl(format, ms));
      }
    }
  });

  it('agree with Intl through a whole year, every 37 minutes, across both DST changes', () => {
    for (const zone of ['America/Chicago', 'Australia/Lord_Howe']) {
      const format = new Intl.DateTimeFormat('en-US', {
        timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
      });
      for (let ms = Date.UTC(2026, 0, 1); ms < Date.UTC(2027, 0, 1); ms += 37 * 60_000) {
        expect(localDateTime(ms, zone), `${zone} ${new Date(ms).toISOString()}`).toBe(byIntl(format, ms));
      }
    }
  });
});
