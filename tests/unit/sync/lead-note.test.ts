import { describe, expect, it } from 'vitest';
import { isLeadNote, noteBodyFor } from '../../../electron/sync/lead-note';
import { crmTagsFor } from '../../../electron/sync/lead-payload';

const none = { notes: null, crmStatus: null, jobType: null, originalDate: null };

describe("a lead's one GHL note", () => {
  it('puts the notes first, then the old status, job type and original date, and ends with the lead’s marker', () => {
    const body = noteBodyFor(7, { notes: '  gate code 4411\nHome Phone: +15125550201 ', crmStatus: 'Lost Estimate', jobType: 'Repair', originalDate: '2021-06-02' });
    expect(body).toBe('gate code 4411\nHome Phone: +15125550201\n\nOld CRM status: Lost Estimate\nJob type: Repair\nLead since: June 2, 2021\n\nImported by Roofing Lead Manager (lead #7)');
  });

  it('is not written for a lead with nothing to say (blank text counts as nothing)', () => {
    expect(noteBodyFor(7, none)).toBeNull();
    expect(noteBodyFor(7, { notes: '  ', crmStatus: '', jobType: ' ', originalDate: null })).toBeNull();
    expect(noteBodyFor(7, { ...none, jobType: 'Gutters' })).toBe('Job type: Gutters\n\nImported by Roofing Lead Manager (lead #7)');
  });

  // A GHL contact's phone is the number alone: "(512) 555-0142 ext. 204" was stored with its extension, and the
  // extension reached GHL nowhere (a review's find). The note carries it.
  it('names the texted number’s extension, which no GHL contact field holds', () => {
    expect(noteBodyFor(7, { ...none, phoneExt: '204' })).toBe('Phone extension: 204\n\nImported by Roofing Lead Manager (lead #7)');
  });

  // The date of the last job on the roof (an "Install Date" or "Completed" column) is what a reactivation text is about,
  // and it reached GHL nowhere: no contact field, and not the note (a review).
  it('names the last service date, after the job type', () => {
    expect(noteBodyFor(7, { ...none, jobType: 'Replacement', lastServiceDate: '2014-05-20' })).toBe(
      'Job type: Replacement\nLast service: May 20, 2014\n\nImported by Roofing Lead Manager (lead #7)',
    );
  });

  it('keeps a date it cannot read as stored', () => {
    expect(noteBodyFor(7, { ...none, originalDate: 'spring 2019' })).toContain('Lead since: spring 2019');
  });

  it('is recognised among the contact’s notes by its marker only for its own lead', () => {
    const body = noteBodyFor(12, { ...none, notes: 'x' });
    expect(isLeadNote(body, 12)).toBe(true);
    expect(isLeadNote(body, 1)).toBe(false);
    expect(isLeadNote(`<p>${body}</p>`, 12)).toBe(true);
    expect(isLeadNote(null, 12)).toBe(false);
  });
});

describe("the old CRM's tags sent to GHL", () => {
  it('are the stored tags, once each (GHL ignores case), without the campaign tag', () => {
    expect(crmTagsFor({ crmTags: 'storm; VIP; vip; Reactivation;  ' }, 'reactivation')).toEqual(['storm', 'VIP']);
    expect(crmTagsFor({ crmTags: 'storm' }, null)).toEqual(['storm']);
    expect(crmTagsFor({ crmTags: null }, 'reactivation')).toEqual([]);
  });
});
