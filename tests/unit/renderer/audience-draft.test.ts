import { describe, expect, it } from 'vitest';
import { emptyAudience, parseZipList, previewSentence, toAudience } from '../../../renderer/src/pages/leads/browser/audience-draft';

describe('audience choices as typed on the Leads page', () => {
  it('reads a ZIP list in any separator and names what is not a ZIP', () => {
    expect(parseZipList('78701, 78702;78703\n78701  7870')).toEqual({ zips: ['78701', '78702', '78703'], bad: ['7870'] });
  });

  it('asks main only about what is on screen, else says what to fix', () => {
    expect(toAudience(3, emptyAudience)).toEqual({ audience: { companyId: 3 } });
    expect(toAudience(3, { ...emptyAudience, status: 'Lost Estimate', from: '2019-01-01', to: '2022-12-31', place: 'near', nearZip: ' 78701 ', miles: 15 })).toEqual({
      audience: { companyId: 3, status: 'Lost Estimate', createdAfter: '2019-01-01', createdBefore: '2022-12-31', nearZip: '78701', radiusMiles: 15 },
    });
    expect(toAudience(3, { ...emptyAudience, place: 'near', nearZip: '787' })).toEqual({ problem: 'Type a 5-digit ZIP to measure the distance from.' });
    expect(toAudience(3, { ...emptyAudience, place: 'near', nearZip: '78701', miles: '' })).toEqual({ problem: 'Type a distance between 1 and 500 miles.' });
    expect(toAudience(3, { ...emptyAudience, place: 'zips', zips: '78701, Austin' })).toEqual({ problem: 'Not a 5-digit ZIP: Austin' });
    expect(toAudience(3, { ...emptyAudience, place: 'zips', zips: ' ' })).toEqual({ problem: 'Type one or more ZIP codes, separated by commas or spaces.' });
    expect(toAudience(3, { ...emptyAudience, from: '2023-01-01', to: '2019-01-01' })).toEqual({ problem: 'The "from" date is after the "to" date.' });
    // A ZIP list typed and then "Anywhere" chosen: the list no longer narrows the send.
    expect(toAudience(3, { ...emptyAudience, place: 'anywhere', zips: '78701' })).toEqual({ audience: { companyId: 3 } });
  });

  it('says what a send would do in words, leaving out what is zero', () => {
    expect(previewSentence({ matched: 142, queued: 120, alreadyQueued: 0, failed: 0, alreadySent: 15, optedOut: 7 })).toBe('142 match: 120 will be queued, 15 already in GHL, 7 marked do not contact — never sent.');
    expect(previewSentence({ matched: 3, queued: 0, alreadyQueued: 2, failed: 0, alreadySent: 0, optedOut: 1 })).toBe('3 match: none left to queue, 2 already waiting to go, 1 marked do not contact — never sent.');
    // A failed lead waits for a retry, not for the queue.
    expect(previewSentence({ matched: 4, queued: 0, alreadyQueued: 1, failed: 2, alreadySent: 0, optedOut: 1 })).toBe(
      '4 match: none left to queue, 1 already waiting to go, 2 failed — retry them from the Failed filter, 1 marked do not contact — never sent.',
    );
    expect(previewSentence({ matched: 0, queued: 0, alreadyQueued: 0, failed: 0, alreadySent: 0, optedOut: 0 })).toBe('No lead of this company matches these choices.');
  });
});
