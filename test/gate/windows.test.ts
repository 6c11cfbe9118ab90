import { describe, expect, it } from 'vitest';
import type { DeploymentWindow } from '../../src/config/deploy-control.js';
import { evaluateWindow, firstInstantAtOrAfter, formatTimeUntil } from '../../src/gate/windows.js';
import { IANAZone } from 'luxon';

function window(overrides: Partial<DeploymentWindow>): DeploymentWindow {
  return { enabled: true, timezone: 'Europe/Berlin', days: ['mon', 'tue', 'wed', 'thu'], hours: { start: '09:00', end: '16:00' }, blackout: [], ...overrides };
}

const at = (iso: string) => new Date(iso);

describe('deployment windows: plain days and hours', () => {
  const prod = window({});
  it.each([
    ['Wed 09:00 local is the first open minute', '2026-06-10T07:00:00Z', true],
    ['Wed 15:59:59 local is still open', '2026-06-10T13:59:59Z', true],
    ['Wed 16:00 local is closed (end is exclusive)', '2026-06-10T14:00:00Z', false],
    ['Wed 08:59 local is closed', '2026-06-10T06:59:00Z', false],
    ['Fri 10:00 local is closed (not a listed day)', '2026-06-12T08:00:00Z', false],
  ])('%s', (_name, instant, open) => {
    const result = evaluateWindow(prod, at(instant));
    expect(result.open).toBe(open);
    expect(result.code).toBe(open ? 'INSIDE_WINDOW' : 'OUTSIDE_WINDOW');
  });

  it('says when the next window opens, as ISO with offset and "in 14 h 20 min"', () => {
    // Wed 2026-06-10 18:40 CEST -> Thu 09:00 CEST
    const result = evaluateWindow(prod, at('2026-06-10T16:40:00Z'));
    expect(result.localTime).toBe('2026-06-10T18:40:00+02:00');
    expect(result.nextOpen).toBe('2026-06-11T09:00:00+02:00');
    expect(formatTimeUntil(result.nextOpenInMs!)).toBe('in 14 h 20 min');
  });

  it('skips to the next listed day across the weekend', () => {
    const result = evaluateWindow(prod, at('2026-06-11T15:00:00Z')); // Thu 17:00
    expect(result.nextOpen).toBe('2026-06-15T09:00:00+02:00');
    expect(formatTimeUntil(result.nextOpenInMs!)).toBe('in 3 d 16 h');
  });

  it('treats disabled windows as always open', () => {
    expect(evaluateWindow({ enabled: false }, at('2026-06-13T03:00:00Z'))).toMatchObject({ code: 'WINDOWS_DISABLED', open: true, nextOpen: null });
    expect(evaluateWindow(undefined, at('2026-06-13T03:00:00Z')).open).toBe(true);
  });

  it('treats start = end as the whole listed day', () => {
    const allDay = window({ days: ['sat'], hours: { start: '00:00', end: '00:00' }, timezone: 'UTC' });
    expect(evaluateWindow(allDay, at('2026-06-13T23:59:00Z')).open).toBe(true);
    expect(evaluateWindow(allDay, at('2026-06-14T00:00:00Z')).open).toBe(false);
    expect(evaluateWindow(allDay, at('2026-06-12T12:00:00Z')).nextOpen).toBe('2026-06-13T00:00:00Z');
  });
});

describe('overnight windows', () => {
  const fridayNight = window({ days: ['fri'], hours: { start: '22:00', end: '02:00' } });
  it.each([
    ['Fri 21:59 is before the window', '2026-06-12T19:59:00Z', false],
    ['Fri 22:00 opens it', '2026-06-12T20:00:00Z', true],
    ['Sat 01:00 is covered by Friday night', '2026-06-12T23:00:00Z', true],
    ['Sat 02:00 has closed it', '2026-06-13T00:00:00Z', false],
    ['Sat 23:00 is not a window (Saturday is not listed)', '2026-06-13T21:00:00Z', false],
    ['Thu 23:00 is not a window', '2026-06-11T21:00:00Z', false],
  ])('%s', (_name, instant, open) => {
    expect(evaluateWindow(fridayNight, at(instant)).open).toBe(open);
  });

  it('wraps the week: Sunday night covers Monday 01:00', () => {
    const sunday = window({ timezone: 'UTC', days: ['sun'], hours: { start: '22:00', end: '02:00' } });
    expect(evaluateWindow(sunday, at('2026-06-15T01:00:00Z')).open).toBe(true); // Monday
    expect(evaluateWindow(sunday, at('2026-06-15T02:00:00Z')).nextOpen).toBe('2026-06-21T22:00:00Z');
  });

  it('crosses the year: Thursday 2026-12-31 night covers 2027-01-01 01:00', () => {
    const thursday = window({ days: ['thu'], hours: { start: '22:00', end: '02:00' } });
    expect(evaluateWindow(thursday, at('2026-12-31T23:59:00Z')).localTime).toBe('2027-01-01T00:59:00+01:00');
    expect(evaluateWindow(thursday, at('2026-12-31T23:59:00Z')).open).toBe(true);
  });

  it("a blackout covers its whole local day, so New Year's Eve blocks 23:00 but the window reopens at midnight", () => {
    const thursday = window({ days: ['thu'], hours: { start: '22:00', end: '02:00' }, blackout: ['2026-12-31'] });
    const eve = evaluateWindow(thursday, at('2026-12-31T22:00:00Z')); // 23:00 local
    expect(eve).toMatchObject({ code: 'BLACKOUT', open: false, nextOpen: '2027-01-01T00:00:00+01:00', blackout: { index: 0 } });
    expect(evaluateWindow(thursday, at('2026-12-31T23:30:00Z')).code).toBe('INSIDE_WINDOW');
  });
});

describe('blackouts', () => {
  const prod = window({ blackout: ['2026-12-24', { from: '2026-12-27', to: '2027-01-02' }] });
  it('blocks a single date inside the window', () => {
    const result = evaluateWindow(prod, at('2026-12-24T09:00:00Z')); // Thu 10:00
    expect(result).toMatchObject({ code: 'BLACKOUT', open: false, blackout: { entry: '2026-12-24', index: 0 } });
    expect(result.nextOpen).toBe('2027-01-04T09:00:00+01:00');
  });

  it("blocks every date of an inclusive range, in the window's timezone", () => {
    expect(evaluateWindow(prod, at('2026-12-28T10:00:00Z')).code).toBe('BLACKOUT'); // Mon
    // 2026-12-26T23:30Z is already 2026-12-27 00:30 in Berlin: inside the range although the UTC date is not.
    expect(
      evaluateWindow(
        window({ days: ['sun'], hours: { start: '00:00', end: '00:00' }, blackout: [{ from: '2026-12-27', to: '2027-01-02' }] }),
        at('2026-12-26T23:30:00Z'),
      ).code,
    ).toBe('BLACKOUT');
    const after = evaluateWindow(window({ days: ['sat', 'sun'], blackout: [{ from: '2026-12-27', to: '2027-01-02' }] }), at('2027-01-02T10:00:00Z'));
    expect(after).toMatchObject({ code: 'BLACKOUT', nextOpen: '2027-01-03T09:00:00+01:00' });
  });

  it('gives no next window when the blackouts outlast the search horizon', () => {
    const frozen = window({ blackout: [{ from: '2000-01-01', to: '2999-12-31' }] });
    expect(evaluateWindow(frozen, at('2026-06-10T08:00:00Z'))).toMatchObject({ code: 'BLACKOUT', nextOpen: null });
  });
});

describe('DST: Europe/Berlin', () => {
  // 2026-03-29: 02:00 CET jumps to 03:00 CEST (01:00 UTC); 02:30 does not exist.
  const springNight = window({ days: ['sun'], hours: { start: '02:30', end: '04:00' } });
  it('a window starting at a 02:30 that does not exist opens when the clock jumps to 03:00', () => {
    const before = evaluateWindow(springNight, at('2026-03-29T00:59:00Z')); // 01:59 CET
    expect(before.open).toBe(false);
    expect(before.nextOpen).toBe('2026-03-29T03:00:00+02:00');
    expect(formatTimeUntil(before.nextOpenInMs!)).toBe('in 1 min');
    expect(evaluateWindow(springNight, at('2026-03-29T01:00:00Z')).open).toBe(true); // 03:00 CEST
    expect(evaluateWindow(springNight, at('2026-03-29T01:59:00Z')).open).toBe(true); // 03:59 CEST
    expect(evaluateWindow(springNight, at('2026-03-29T02:00:00Z')).open).toBe(false); // 04:00 CEST
  });

  it('an overnight window across the spring-forward night closes at 06:00 summer time', () => {
    const saturdayNight = window({ days: ['sat'], hours: { start: '22:00', end: '06:00' } });
    expect(evaluateWindow(saturdayNight, at('2026-03-29T03:59:00Z')).open).toBe(true); // 05:59 CEST
    expect(evaluateWindow(saturdayNight, at('2026-03-29T04:00:00Z')).open).toBe(false); // 06:00 CEST
  });

  // 2026-10-25: 03:00 CEST falls back to 02:00 CET (01:00 UTC); 02:00-02:59 happens twice.
  const autumnNight = window({ days: ['sun'], hours: { start: '02:00', end: '02:45' } });
  it('a 02:30 that happens twice is inside the window both times', () => {
    expect(evaluateWindow(autumnNight, at('2026-10-25T00:30:00Z')).localTime).toBe('2026-10-25T02:30:00+02:00');
    expect(evaluateWindow(autumnNight, at('2026-10-25T00:30:00Z')).open).toBe(true);
    expect(evaluateWindow(autumnNight, at('2026-10-25T01:30:00Z')).localTime).toBe('2026-10-25T02:30:00+01:00');
    expect(evaluateWindow(autumnNight, at('2026-10-25T01:30:00Z')).open).toBe(true);
  });

  it('between the two occurrences the window reopens when the clock falls back', () => {
    const between = evaluateWindow(autumnNight, at('2026-10-25T00:50:00Z')); // 02:50 CEST
    expect(between.open).toBe(false);
    expect(between.nextOpen).toBe('2026-10-25T02:00:00+01:00');
    expect(formatTimeUntil(between.nextOpenInMs!)).toBe('in 10 min');
    expect(evaluateWindow(autumnNight, at('2026-10-25T01:50:00Z')).nextOpen).toBe('2026-11-01T02:00:00+01:00');
  });

  it('a window starting at a twice-occurring 02:30 opens at the first one', () => {
    const result = evaluateWindow(window({ days: ['sun'], hours: { start: '02:30', end: '03:30' } }), at('2026-10-25T00:00:00Z'));
    expect(result.nextOpen).toBe('2026-10-25T02:30:00+02:00');
  });

  it('firstInstantAtOrAfter resolves skipped and repeated wall times', () => {
    const zone = IANAZone.create('Europe/Berlin');
    expect(new Date(firstInstantAtOrAfter(zone, { year: 2026, month: 3, day: 29 }, 150)).toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(new Date(firstInstantAtOrAfter(zone, { year: 2026, month: 10, day: 25 }, 150)).toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(new Date(firstInstantAtOrAfter(zone, { year: 2026, month: 7, day: 1 }, 540)).toISOString()).toBe('2026-07-01T07:00:00.000Z');
  });
});

describe('DST: America/New_York', () => {
  // 2026-03-08: 02:00 EST jumps to 03:00 EDT (07:00 UTC); 02:30 does not exist.
  it('a window starting at a 02:30 that does not exist opens at 03:00 EDT', () => {
    const w = window({ timezone: 'America/New_York', days: ['sun'], hours: { start: '02:30', end: '05:00' } });
    const before = evaluateWindow(w, at('2026-03-08T06:59:00Z')); // 01:59 EST
    expect(before).toMatchObject({ open: false, nextOpen: '2026-03-08T03:00:00-04:00' });
    expect(evaluateWindow(w, at('2026-03-08T07:00:00Z')).open).toBe(true);
    expect(evaluateWindow(w, at('2026-03-08T08:59:00Z')).open).toBe(true); // 04:59 EDT
    expect(evaluateWindow(w, at('2026-03-08T09:00:00Z')).open).toBe(false);
  });

  // 2026-11-01: 02:00 EDT falls back to 01:00 EST (06:00 UTC); 01:30 happens twice.
  it('a 01:30 that happens twice is inside the window both times; the second opening is found', () => {
    const w = window({ timezone: 'America/New_York', days: ['sun'], hours: { start: '01:30', end: '01:45' } });
    expect(evaluateWindow(w, at('2026-11-01T05:30:00Z'))).toMatchObject({ open: true, localTime: '2026-11-01T01:30:00-04:00' });
    expect(evaluateWindow(w, at('2026-11-01T06:30:00Z'))).toMatchObject({ open: true, localTime: '2026-11-01T01:30:00-05:00' });
    const between = evaluateWindow(w, at('2026-11-01T05:50:00Z')); // 01:50 EDT
    expect(between).toMatchObject({ open: false, nextOpen: '2026-11-01T01:30:00-05:00' });
    expect(formatTimeUntil(between.nextOpenInMs!)).toBe('in 40 min');
  });

  it('the usual window follows the clock change: 09:00 is 14:00 UTC before and 13:00 UTC after', () => {
    const w = window({ timezone: 'America/New_York', days: ['mon'] });
    expect(evaluateWindow(w, at('2026-03-06T12:00:00Z')).nextOpen).toBe('2026-03-09T09:00:00-04:00');
    expect(evaluateWindow(w, at('2026-03-09T12:59:00Z')).open).toBe(false);
    expect(evaluateWindow(w, at('2026-03-09T13:00:00Z')).open).toBe(true);
  });
});

describe('formatTimeUntil', () => {
  it.each([
    [0, 'in 1 min'],
    [59_000, 'in 1 min'],
    [60_000, 'in 1 min'],
    [61_000, 'in 2 min'],
    [3_600_000, 'in 1 h'],
    [86_400_000, 'in 1 d'],
    [(2 * 24 * 60 + 3 * 60 + 5) * 60_000, 'in 2 d 3 h 5 min'],
  ])('%i ms -> %s', (ms, text) => expect(formatTimeUntil(ms)).toBe(text));
});
