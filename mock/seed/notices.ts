import type { TimelineEntry, Urgency } from '../../src/contract/common'
import type { NoticeReaderRow, NoticeRow } from '../db'
import { people } from './people'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
/** China Standard Time has no daylight saving, so a fixed offset is exact. */
const CST_OFFSET = 8 * HOUR

function pad(n: number): string {
  return String(n).padStart(2, '0')
}

/** 2026-11-25T09:30:00+08:00 — the contract's timestamp format. */
function cst(ms: number): string {
  const d = new Date(ms + CST_OFFSET)
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
  return `${date}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+08:00`
}

/** `ago` milliseconds before now, cut to the whole minute. */
function before(now: Date, ago: number): number {
  return Math.floor((now.getTime() - ago) / MINUTE) * MINUTE
}

/** hour:minute Beijing time on the day `days` away from now's Beijing date (-1 yesterday, 1 tomorrow). */
function dayAt(now: Date, days: number, hour: number, minute: number): number {
  const d = new Date(now.getTime() + CST_OFFSET)
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + days, hour, minute) - CST_OFFSET
}

function nameOf(userId: string): string {
  const person = people.find((p) => p.id === userId)
  if (!person) throw new Error(`seed notice points at unknown person ${userId}`)
  return person.name
}

interface ReaderSeed {
  userId: string
  /** read this long before now; absent = still unread */
  readAgo?: number
  /** the opinion signed when reading */
  opinion?: string
  /** the sender chased this reader this long before now */
  urgedAgo?: number
}

interface NoticeSeed {
  id: string
  title: string
  body: string
  urgency: Urgency
  senderId: string
  sentAgo: number
  deadline: ((now: Date) => number) | null
  readers: ReaderSeed[]
}

const noticeSeeds: NoticeSeed[] = [
  {
    id: 'notice-001',
    title: '关于做好强降雨天气防御工作的紧急通知',
    body:
      '据市气象台预报，受季风槽影响，未来48小时我区将出现持续性强降雨，局部伴有8级以上雷暴大风。为切实做好防御工作，确保人民群众生命财产安全，现将有关事项通知如下：' +
      '一、各单位要立即落实24小时值班和领导带班制度，保持通讯畅通。' +
      '二、各街道要全面排查低洼易涝点、地质灾害隐患点、在建工地和危险边坡，必要时果断转移危险区域人员。' +
      '三、请各单位于明天18时前将隐患排查和人员转移情况报区政府办公室。',
    urgency: 'very_urgent',
    senderId: 'u-leader-02',
    sentAgo: 3 * HOUR,
    deadline: (now) => dayAt(now, 1, 18, 0),
    readers: [
      {
        userId: 'u-leader-01',
        readAgo: 2 * HOUR + 10 * MINUTE,
        opinion: '同意。请各单位严格落实值班和领导带班制度，遇重大险情第一时间报告。',
      },
      { userId: 'u-head-01', readAgo: 2 * HOUR + 40 * MINUTE },
      { userId: 'u-head-03', readAgo: 1 * HOUR + 30 * MINUTE },
      { userId: 'u-handler-01', urgedAgo: 40 * MINUTE },
      { userId: 'u-super-01' },
    ],
  },
  {
    id: 'notice-002',
    title: '关于报送上半年重点工作进展情况的通知',
    body:
      '为全面掌握各单位上半年重点工作推进情况，做好全区半年工作总结，请各单位对照年初确定的重点工作任务清单，逐项梳理进展情况、存在问题及下一步工作措施，' +
      '填写《重点工作进展情况表》，经单位主要负责同志审核后，于规定时限前报送区政府办公室秘书科。' +
      '材料要求实事求是、数据准确，不得漏报、迟报。联系人：秘书科邓子轩。',
    urgency: 'urgent',
    senderId: 'u-head-01',
    sentAgo: 6 * DAY,
    deadline: (now) => dayAt(now, -1, 17, 30),
    readers: [
      { userId: 'u-clerk-01', readAgo: 5 * DAY + 20 * HOUR },
      { userId: 'u-handler-02', readAgo: 4 * DAY, opinion: '已阅，按要求落实。' },
      { userId: 'u-head-02', urgedAgo: 2 * DAY, readAgo: 1 * DAY + 20 * HOUR },
      { userId: 'u-handler-01', urgedAgo: 2 * DAY },
      { userId: 'u-head-03', urgedAgo: 2 * DAY },
    ],
  },
  {
    id: 'notice-003',
    title: '关于开展办公用房使用情况自查的通知',
    body:
      '根据党政机关办公用房管理有关规定，为进一步规范办公用房使用管理，区机关事务管理局决定在全区机关单位开展办公用房使用情况自查。' +
      '请各单位对照核定面积标准，重点检查是否存在超标准使用、闲置未交回、出租出借等情况，如实填写《办公用房使用情况自查表》，发现问题的同步提出整改措施和时限。' +
      '自查表请通过“零跑动”平台提交，区机关事务管理局将适时组织抽查。',
    urgency: 'normal',
    senderId: 'u-office-01',
    sentAgo: 2 * DAY + 3 * HOUR,
    deadline: null,
    readers: [
      { userId: 'u-head-01', readAgo: 1 * DAY + 22 * HOUR, opinion: '已阅，秘书科本周内完成自查并报送结果。' },
      { userId: 'u-head-02', readAgo: 1 * DAY + 5 * HOUR },
      { userId: 'u-head-03' },
    ],
  },
  {
    id: 'notice-004',
    title: '关于召开全区政务数据共享工作推进会的通知',
    body:
      '经区政府同意，定于下周二上午9时30分在区政府一号楼三楼第一会议室召开全区政务数据共享工作推进会，通报各单位数据归集共享情况，部署下一阶段工作。' +
      '请区政务服务数据管理局主要负责同志、各相关单位分管负责同志参会，并于会前一个工作日将参会人员名单报区政府办公室文电科。' +
      '请参会人员提前10分钟到场签到，会议期间手机调至静音。',
    urgency: 'urgent',
    senderId: 'u-clerk-01',
    sentAgo: 1 * DAY + 2 * HOUR,
    deadline: null,
    readers: [
      { userId: 'u-head-02', readAgo: 1 * DAY + 1 * HOUR },
      { userId: 'u-handler-01', readAgo: 23 * HOUR, opinion: '已阅，按要求落实。' },
      { userId: 'u-super-01', readAgo: 20 * HOUR },
      { userId: 'u-leader-01' },
    ],
  },
  {
    id: 'notice-005',
    title: '关于进一步规范公文处理工作的通知',
    body:
      '近期检查发现，部分单位存在公文格式不规范、报送程序不严格、办理时限把握不准等问题。为提高公文处理质量和效率，现就有关事项通知如下：' +
      '一、严格执行《党政机关公文处理工作条例》和《党政机关公文格式》国家标准，规范发文字号、密级、紧急程度等要素。' +
      '二、坚持先核稿、后签发，未经核稿的文稿一律不得送领导签发。' +
      '三、收文应在1个工作日内完成签收登记，急件随到随办。' +
      '四、涉密公文严禁通过互联网和非涉密系统传递。',
    urgency: 'normal',
    senderId: 'u-leader-02',
    sentAgo: 4 * DAY,
    deadline: null,
    readers: [
      { userId: 'u-head-01', readAgo: 3 * DAY + 20 * HOUR, opinion: '已阅。秘书科将组织全科学习，严格执行公文处理各项规定。' },
      { userId: 'u-clerk-01', readAgo: 3 * DAY + 22 * HOUR },
      { userId: 'u-clerk-02', readAgo: 3 * DAY + 5 * HOUR },
      { userId: 'u-head-03', readAgo: 2 * DAY, opinion: '已阅，按要求落实。' },
      { userId: 'u-head-02', urgedAgo: 1 * DAY },
      { userId: 'u-super-01' },
    ],
  },
  {
    id: 'notice-006',
    title: '关于做好节假日期间值班值守工作的通知',
    body:
      '节假日将至，为确保节日期间政务工作正常运转，及时妥善处置各类突发事件，现就做好值班值守工作通知如下：' +
      '一、实行领导带班和24小时专人值班制度，值班人员须在岗在位，不得擅自离岗或找人替班。' +
      '二、保持通讯畅通，遇有重大情况须第一时间报告，不得迟报、漏报、瞒报。' +
      '三、请各科室于放假前两个工作日将值班表报秘书科汇总。',
    urgency: 'normal',
    senderId: 'u-head-01',
    sentAgo: 35 * MINUTE,
    deadline: null,
    readers: [
      { userId: 'u-leader-01', readAgo: 10 * MINUTE },
      { userId: 'u-clerk-01' },
      { userId: 'u-staff-03' },
    ],
  },
]

function buildNotice(now: Date, seed: NoticeSeed): NoticeRow {
  const senderName = nameOf(seed.senderId)
  const createdAt = before(now, seed.sentAgo)
  const events: { ms: number; entry: TimelineEntry }[] = [
    {
      ms: createdAt,
      entry: {
        at: cst(createdAt),
        actorName: senderName,
        action: '发出通知',
        note: `阅知人：${seed.readers.map((r) => nameOf(r.userId)).join('、')}`,
      },
    },
  ]

  const readers: NoticeReaderRow[] = seed.readers.map((r) => {
    const readerName = nameOf(r.userId)
    const readAt = r.readAgo === undefined ? null : before(now, r.readAgo)
    const urgedAt = r.urgedAgo === undefined ? null : before(now, r.urgedAgo)
    if (urgedAt !== null) {
      // one 催阅 chases everyone still unread at that moment: one entry naming them all
      const urge = events.find((e) => e.ms === urgedAt && e.entry.action === '催阅')
      if (urge) urge.entry.note = `${urge.entry.note}、${readerName}`
      else events.push({ ms: urgedAt, entry: { at: cst(urgedAt), actorName: senderName, action: '催阅', note: `催阅${readerName}` } })
    }
    if (readAt !== null) {
      events.push({
        ms: readAt,
        entry: r.opinion
          ? { at: cst(readAt), actorName: readerName, action: '签署意见', note: r.opinion }
          : { at: cst(readAt), actorName: readerName, action: '已阅', note: null },
      })
    }
    return {
      userId: r.userId,
      status: readAt === null ? 'unread' : r.opinion ? 'opinion' : 'read',
      readAt: readAt === null ? null : cst(readAt),
      opinion: readAt !== null && r.opinion ? r.opinion : null,
      urgedAt: urgedAt === null ? null : cst(urgedAt),
    }
  })

  // Array.prototype.sort is stable, so the sending stays first among equal times.
  events.sort((a, b) => a.ms - b.ms)

  return {
    id: seed.id,
    title: seed.title,
    body: seed.body,
    urgency: seed.urgency,
    deadline: seed.deadline ? cst(seed.deadline(now)) : null,
    senderId: seed.senderId,
    createdAt: cst(createdAt),
    version: 1 + readers.filter((r) => r.status !== 'unread').length,
    readers,
    timeline: events.map((e) => e.entry),
  }
}

/** Six 工作通知 dated relative to `now`, so the inbox always shows a fresh, an overdue and a due-tomorrow one. */
export function seedNotices(now: Date): NoticeRow[] {
  return noticeSeeds.map((seed) => buildNotice(now, seed))
}
