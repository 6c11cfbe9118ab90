import { DateTime, IANAZone } from 'luxon';
import type { BlackoutEntry, DayName, DeploymentWindow } from '../config/deploy-control.js';

/**
 * Deployment windows are read on the wall clock of their timezone:
 * - an instant is inside when its local weekday is a listed day and its local time is in [start, end);
 * - end < start is an overnight window: it opens on a listed day at start and closes the next day at end
 *   (22:00–02:00 on Friday covers Saturday 01:00); end = start is the whole listed day;
 * - a blackout date covers its whole local calendar day, 00:00–24:00, whatever the window says;
 * - a wall time skipped by a DST change (02:30 on a spring-forward night) never happens, so a window starting then
 *   opens at the first wall time after the gap; a wall time that happens twice (fall back) is inside both times.
 */

const WEEKDAY: Record<number, DayName> = { 1: 'mon', 2: 'tue', 3: 'wed', 4: 'thu', 5: 'fri', 6: 'sat', 7: 'sun' };
const MINUTE = 60_000;
const DAY = 86_400_000;
/** How far ahead the next opening is searched; blackouts longer than this leave `nextOpen` null. */
export const NEXT_WINDOW_HORIZON_DAYS = 3 * 366;

export interface EnabledWindow {
  timezone: string;
  days: readonly DayName[];
  start: string;
  end: string;
  blackout: readonly BlackoutEntry[];
}

export type WindowCode = 'WINDOWS_DISABLED' | 'INSIDE_WINDOW' | 'OUTSIDE_WINDOW' | 'BLACKOUT';

export interface WindowEvaluation {
  code: WindowCode;
  open: boolean;
  /** `now` on the window's wall clock, ISO with offset (null when windows are disabled). */
  localTime: string | null;
  /** Next instant the window is open (ISO with the window's offset); null when open, disabled, or beyond the horizon. */
  nextOpen: string | null;
  /** Milliseconds from `now` to `nextOpen`. */
  nextOpenInMs: number | null;
  /** The blackout entry covering `now`, and its index in `blackout`. */
  blackout: { entry: BlackoutEntry; index: number } | null;
}

function minutesOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

/** The window's settings when it is in force, or null when `enabled` is false or the window is absent. */
export function enabledWindow(window: DeploymentWindow | undefined): EnabledWindow | null {
  if (!window?.enabled) return null;
  if (!window.timezone || !window.days || !window.hours) {
    // checkDeployControl refuses this; reaching it means an unchecked config was passed in.
    throw new Error('deployment_windows.enabled is true but timezone, days or hours is missing (config was not validated)');
  }
  return {
    timezone: window.timezone,
    days: window.days,
    start: window.hours.start,
    end: window.hours.end,
    blackout: window.blackout ?? [],
  };
}

function blackoutAt(window: EnabledWindow, date: string): { entry: BlackoutEntry; index: number } | null {
  for (const [index, entry] of window.blackout.entries()) {
    if (typeof entry === 'string' ? entry === date : entry.from <= date && date <= entry.to) return { entry, index };
  }
  return null;
}

function insideHours(window: EnabledWindow, local: DateTime): boolean {
  const days = new Set(window.days);
  const today = WEEKDAY[local.weekday] as DayName;
  const yesterday = WEEKDAY[((local.weekday + 5) % 7) + 1] as DayName;
  const time = local.hour * 60 + local.minute;
  const start = minutesOf(window.start);
  const end = minutesOf(window.end);
  if (start < end) return days.has(today) && start <= time && time < end;
  if (start === end) return days.has(today);
  return (days.has(today) && time >= start) || (days.has(yesterday) && time < end);
}

/** Whether the window is open at `instant` (milliseconds since the epoch). */
export function isOpenAt(window: EnabledWindow, instant: number): boolean {
  const local = DateTime.fromMillis(instant, { zone: window.timezone });
  return blackoutAt(window, local.toISODate() as string) === null && insideHours(window, local);
}

/**
 * Every instant at which the wall clock on local date `date` reads `minutes` past midnight: one normally, two when a
 * fall-back repeats it; when a spring-forward gap skips it, the end of the gap (the first wall time after it).
 */
export function instantsAtWallTime(zone: IANAZone, date: { year: number; month: number; day: number }, minutes: number): number[] {
  const wall = Date.UTC(date.year, date.month - 1, date.day, Math.floor(minutes / 60), minutes % 60);
  const before = zone.offset(wall - DAY);
  const after = zone.offset(wall + DAY);
  const exact = [...new Set([before, after, zone.offset(wall)])]
    .map((offset) => wall - offset * MINUTE)
    .filter((instant) => zone.offset(instant) * MINUTE === wall - instant)
    .sort((a, b) => a - b);
  if (exact.length > 0) return [...new Set(exact)];
  // Skipped by a gap: the transition (first instant on the later offset) is the first wall time after it.
  let low = wall - Math.max(before, after) * MINUTE;
  let high = wall - Math.min(before, after) * MINUTE;
  while (high - low > MINUTE) {
    const middle = low + Math.floor((high - low) / MINUTE / 2) * MINUTE;
    if (zone.offset(middle) === after) high = middle;
    else low = middle;
  }
  return [high];
}

/** The first instant whose wall time on local date `date` is at or after `minutes` past midnight. */
export function firstInstantAtOrAfter(zone: IANAZone, date: { year: number; month: number; day: number }, minutes: number): number {
  return instantsAtWallTime(zone, date, minutes)[0] as number;
}

/** Instants during local date `date` at which the window may open: its start, midnight, and any DST transition. */
function openingCandidates(window: EnabledWindow, zone: IANAZone, date: DateTime): number[] {
  const day = { year: date.year, month: date.month, day: date.day };
  const next = date.plus({ days: 1 });
  const midnight = firstInstantAtOrAfter(zone, day, 0);
  const nextMidnight = firstInstantAtOrAfter(zone, { year: next.year, month: next.month, day: next.day }, 0);
  // A start time that happens twice may open the window twice (the clock re-enters it after falling back).
  const candidates = [...instantsAtWallTime(zone, day, 0), ...instantsAtWallTime(zone, day, minutesOf(window.start))];
  if (zone.offset(midnight) !== zone.offset(nextMidnight)) {
    // A wall clock jumping back re-enters times already passed; the jump itself may open the window.
    let low = midnight;
    let high = nextMidnight;
    const later = zone.offset(nextMidnight);
    while (high - low > MINUTE) {
      const middle = low + Math.floor((high - low) / MINUTE / 2) * MINUTE;
      if (zone.offset(middle) === later) high = middle;
      else low = middle;
    }
    candidates.push(high);
  }
  return candidates.sort((a, b) => a - b);
}

/** The next instant after `now` at which the window is open, or null beyond the horizon. */
export function nextOpening(window: EnabledWindow, now: number): number | null {
  const zone = IANAZone.create(window.timezone);
  let date = DateTime.fromMillis(now, { zone: window.timezone }).startOf('day');
  for (let i = 0; i <= NEXT_WINDOW_HORIZON_DAYS; i++, date = date.plus({ days: 1 })) {
    for (const candidate of openingCandidates(window, zone, date)) {
      if (candidate > now && isOpenAt(window, candidate)) return candidate;
    }
  }
  return null;
}

export function toZonedIso(instant: number, timezone: string): string {
  return DateTime.fromMillis(instant, { zone: timezone }).toISO({ suppressMilliseconds: true }) as string;
}

/** "in 14 h 20 min", "in 2 d 3 h 5 min", "in 1 min"; rounded up to the minute so it is never early. */
export function formatTimeUntil(milliseconds: number): string {
  const total = Math.max(1, Math.ceil(milliseconds / MINUTE));
  const days = Math.floor(total / 1440);
  const hours = Math.floor((total % 1440) / 60);
  const minutes = total % 60;
  const parts: string[] = [];
  if (days) parts.push(`${days} d`);
  if (hours) parts.push(`${hours} h`);
  if (minutes || parts.length === 0) parts.push(`${minutes} min`);
  return `in ${parts.join(' ')}`;
}

/** Evaluates a window at `now`. */
export function evaluateWindow(window: DeploymentWindow | undefined, now: Date): WindowEvaluation {
  const enabled = enabledWindow(window);
  if (!enabled) return { code: 'WINDOWS_DISABLED', open: true, localTime: null, nextOpen: null, nextOpenInMs: null, blackout: null };
  const instant = now.getTime();
  const local = DateTime.fromMillis(instant, { zone: enabled.timezone });
  const localTime = local.startOf('second').toISO({ suppressMilliseconds: true }) as string;
  const blackout = blackoutAt(enabled, local.toISODate() as string);
  const inside = insideHours(enabled, local);
  if (!blackout && inside) return { code: 'INSIDE_WINDOW', open: true, localTime, nextOpen: null, nextOpenInMs: null, blackout: null };
  const next = nextOpening(enabled, instant);
  return {
    code: blackout ? 'BLACKOUT' : 'OUTSIDE_WINDOW',
    open: false,
    localTime,
    nextOpen: next === null ? null : toZonedIso(next, enabled.timezone),
    nextOpenInMs: next === null ? null : next - instant,
    blackout,
  };
}

/** "Mon, Tue, Wed, Thu 09:00–16:00 Europe/Berlin" */
export function describeWindow(window: EnabledWindow): string {
  const days = window.days.map((d) => d[0]?.toUpperCase() + d.slice(1)).join(', ');
  const span =
    window.start === window.end ? 'all day' : `${window.start}–${window.end}${minutesOf(window.end) < minutesOf(window.start) ? ' (overnight)' : ''}`;
  return `${days} ${span} ${window.timezone}`;
}
