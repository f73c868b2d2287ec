import { describe, expect, it } from 'vitest';
import { zoneLabel } from '../../../shared/zone-label';

describe('zoneLabel', () => {
  it('names the zone and its city, as the office reads it', () => {
    expect(zoneLabel('America/Denver')).toBe('Mountain Time (Denver)');
    // No daylight time there: ICU names the one it keeps.
    expect(zoneLabel('America/Phoenix')).toBe('Mountain Standard Time (Phoenix)');
    expect(zoneLabel('America/New_York')).toBe('Eastern Time (New York)');
    expect(zoneLabel('UTC')).toBe('UTC');
  });

  it('keeps an id it cannot name', () => {
    expect(zoneLabel('Not/A_Zone')).toBe('Not/A_Zone');
  });
});
