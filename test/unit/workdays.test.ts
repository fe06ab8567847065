import fs from 'node:fs'
import path from 'node:path'
import { addWorkdays, addWorkingMinutes, calendarCovers, dueAfterWorkdays, isOfficeHours, isWorkday, workdayBefore, workdaysBetween, workingMinutesBetween } from '../../src/core/workdays'
import { toIso } from '../../src/core/time'
import { describeDeadline } from '../../src/core/format'
import { render } from '../../scripts/update-holidays'

describe('working-day calendar (China, 2026 schedule)', () => {
  it('knows holidays, weekends and make-up workdays', () => {
    expect(isWorkday('2026-10-01')).toBe(false) // 国庆
    expect(isWorkday('2026-10-08')).toBe(true)
    expect(isWorkday('2026-10-10')).toBe(true) // Saturday, 调休上班
    expect(isWorkday('2026-09-20')).toBe(true) // Sunday, 调休上班
    expect(isWorkday('2026-11-28')).toBe(false) // ordinary Saturday
    expect(isWorkday('2026-02-16')).toBe(false) // 春节
    expect(isWorkday('2026-02-14')).toBe(true) // Saturday, 调休上班
  })

  it('counts working days across the National Day holiday', () => {
    expect(addWorkdays('2026-09-30', 1)).toBe('2026-10-08')
    expect(addWorkdays('2026-09-30', 3)).toBe('2026-10-10')
    expect(workdaysBetween('2026-09-30', '2026-10-12')).toBe(4)
    expect(workdaysBetween('2026-10-12', '2026-09-30')).toBe(-4)
    expect(addWorkdays('2026-10-03', 0)).toBe('2026-10-08')
    // and back: the seeded month counts its days this way
    expect(workdayBefore('2026-10-08', 1)).toBe('2026-09-30')
    expect(workdayBefore('2026-10-05', 0)).toBe('2026-09-30')
    expect(workdayBefore('2026-10-12', 2)).toBe('2026-10-09')
    expect(workdayBefore('2026-11-25', 0)).toBe('2026-11-25')
  })

  it('adds office time: Friday 17:00 + 4 h is Monday 12:00; lunch does not count', () => {
    expect(toIso(addWorkingMinutes(new Date('2026-11-27T17:00:00+08:00'), 240))).toBe('2026-11-30T12:00:00+08:00')
    expect(toIso(addWorkingMinutes(new Date('2026-11-25T11:00:00+08:00'), 120))).toBe('2026-11-25T15:00:00+08:00')
    expect(workingMinutesBetween(new Date('2026-11-25T11:00:00+08:00'), new Date('2026-11-25T15:00:00+08:00'))).toBe(120)
    expect(toIso(addWorkingMinutes(new Date('2026-09-30T17:00:00+08:00'), 120))).toBe('2026-10-08T10:00:00+08:00')
  })

  it('knows office hours for quiet hours', () => {
    expect(isOfficeHours(new Date('2026-11-25T10:00:00+08:00'))).toBe(true)
    expect(isOfficeHours(new Date('2026-11-25T12:30:00+08:00'))).toBe(false)
    expect(isOfficeHours(new Date('2026-11-25T20:00:00+08:00'))).toBe(false)
    expect(isOfficeHours(new Date('2026-10-02T10:00:00+08:00'))).toBe(false)
  })

  it('due dates end at 18:00 on the n-th working day, whatever the machine time zone', () => {
    expect(toIso(dueAfterWorkdays(new Date('2026-11-27T09:00:00+08:00'), 1))).toBe('2026-11-30T18:00:00+08:00')
  })

  it('says which years it covers', () => {
    expect(calendarCovers(2026)).toBe(true)
    expect(calendarCovers(2031)).toBe(false)
  })

  it('holiday table is the one the maintained package gives (run scripts/update-holidays.ts when it changes)', () => {
    const file = fs.readFileSync(path.join(__dirname, '../../src/core/holidays-cn.ts'), 'utf8')
    expect(file).toBe(render())
  })

  it('deadlines read the way a clerk says them', () => {
    const now = new Date('2026-11-25T10:00:00+08:00')
    expect(describeDeadline('2026-11-23T17:30:00+08:00', now)).toEqual({ text: '已逾期 1 天', tone: 'danger' })
    expect(describeDeadline('2026-11-25T18:00:00+08:00', now)).toEqual({ text: '今天 18:00 截止', tone: 'warn' })
    expect(describeDeadline('2026-11-26T18:00:00+08:00', now)).toEqual({ text: '明天 18:00 截止', tone: 'warn' })
    expect(describeDeadline('2026-12-03T18:00:00+08:00', now)).toEqual({ text: '12-03 截止', tone: 'normal' })
  })
})
