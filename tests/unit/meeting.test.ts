import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportBackup } from '@/lib/backup';
import type { VeilleDB } from '@/lib/db';
import { meetingDue, meetingWeekOf, nextMeeting, takeMeetingReminder } from '@/lib/meeting';
import { weekdayOf } from '@/lib/time';
import { saveSettings } from '@/lib/settings';
import { dropDb, freshDb } from './fresh-db';

let db: VeilleDB;
beforeEach(async () => {
  db = await freshDb();
});
afterEach(() => dropDb(db));

// Monday 23 November 2026 to Sunday 29 November.
const at = (day: number, h: number, m = 0) => new Date(2026, 10, day, h, m).getTime();

describe("the weekly meeting's reminder", () => {
  it('counts the days of the week from Monday (1) to Sunday (7)', () => {
    expect([23, 24, 25, 26, 27, 28, 29, 30].map((d) => weekdayOf(at(d, 12)))).toEqual([1, 2, 3, 4, 5, 6, 7, 1]);
  });

  it.each([
    ['off', { meetingDay: 0, meetingTime: '09:00' }, at(23, 10), undefined, false],
    ['the meeting day, before its time', { meetingDay: 1, meetingTime: '09:30' }, at(23, 9, 29), undefined, false],
    ['the meeting day, at its time', { meetingDay: 1, meetingTime: '09:30' }, at(23, 9, 30), undefined, true],
    ['the meeting day, later (the browser opened late)', { meetingDay: 1, meetingTime: '09:30' }, at(23, 17), undefined, true],
    ['already said that day', { meetingDay: 1, meetingTime: '09:30' }, at(23, 17), '2026-11-23', false],
    ['said the week before', { meetingDay: 1, meetingTime: '09:30' }, at(30, 10), '2026-11-23', true],
    ['another day', { meetingDay: 4, meetingTime: '09:30' }, at(25, 10), undefined, false],
    ['a Sunday meeting', { meetingDay: 7, meetingTime: '18:00' }, at(29, 18), undefined, true],
  ])('%s: due %#', (_, settings, now, remindedDay, due) => {
    expect(meetingDue(settings, remindedDay, now)).toBe(due);
  });

  it("reports the week before for a meeting on Monday or Tuesday, the meeting's own week from Wednesday", () => {
    expect(meetingWeekOf(at(23, 9))).toBe('2026-11-16');
    expect(meetingWeekOf(at(24, 9))).toBe('2026-11-16');
    expect(meetingWeekOf(at(25, 9))).toBe('2026-11-23');
    expect(meetingWeekOf(at(27, 16))).toBe('2026-11-23');
    expect(meetingWeekOf(at(29, 23, 59))).toBe('2026-11-23');
    // Across a month and a year.
    expect(meetingWeekOf(new Date(2027, 0, 4, 9).getTime())).toBe('2026-12-28');
  });

  it('is given once on the day, with the topics proposed for the meeting, and stays out of backups', async () => {
    expect(await takeMeetingReminder(db, at(23, 10))).toBeNull();
    await saveSettings(db, { meetingDay: 1, meetingTime: '09:00' });
    const topic = (id: string, status: 'proposed' | 'new') => ({ id, title: id, note: '', tags: [], hashtags: [], status, createdAt: 0, updatedAt: 0 });
    await db.topics.bulkPut([topic('a', 'proposed'), topic('b', 'proposed'), topic('c', 'new')]);
    expect(await takeMeetingReminder(db, at(23, 8, 59))).toBeNull();
    expect(await takeMeetingReminder(db, at(23, 9))).toEqual({ week: '2026-11-16', proposed: 2 });
    expect(await takeMeetingReminder(db, at(23, 15))).toBeNull();
    expect((await exportBackup(db, at(23, 16))).tables.settings.map((r) => (r as { key: string }).key)).toEqual(['settings']);
    expect(await takeMeetingReminder(db, at(30, 9, 5))).toEqual({ week: '2026-11-23', proposed: 2 });
  });

  it('says when the next meeting is: today until its time, then a week later; none when off', () => {
    const monday = { meetingDay: 1, meetingTime: '09:30' };
    expect(nextMeeting(monday, at(23, 9))).toBe(at(23, 9, 30));
    expect(nextMeeting(monday, at(23, 9, 30))).toBe(at(23, 9, 30));
    expect(nextMeeting(monday, at(23, 9, 31))).toBe(at(30, 9, 30));
    expect(nextMeeting(monday, at(26, 12))).toBe(at(30, 9, 30));
    expect(nextMeeting({ meetingDay: 7, meetingTime: '18:00' }, at(24, 8))).toBe(at(29, 18));
    expect(nextMeeting({ meetingDay: 0, meetingTime: '09:00' }, at(24, 8))).toBeNull();
  });

  it('refuses a day of the week that does not exist', async () => {
    await expect(saveSettings(db, { meetingDay: 8 })).rejects.toThrow();
    await expect(saveSettings(db, { meetingTime: '25:00' })).rejects.toThrow();
  });
});
