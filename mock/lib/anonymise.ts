/**
 * 案例库 anonymisation, on the server: what a case library entry may say about a real case. Names become
 * the part a person played, places the kind of place, dates "某日". It works on known values first (the
 * case's own people, every person and unit the directory knows, the ten streets) and then on patterns a
 * staff member's words may carry (陈女士, 固戍社区, 固戍二路9号, 11月3日, 09:30, phone and ID numbers).
 */

export interface Known {
  /** exact strings and what they become, e.g. ['林秀娟', '求助人'] */
  replace: [string, string][]
}

const STREETS = ['新安', '西乡', '航城', '福永', '福海', '沙井', '新桥', '松岗', '燕罗', '石岩']

const rules: [RegExp, string | ((m: string, ...groups: string[]) => string)][] = [
  [/宝妇维〔\d{4}〕\d+号/g, '本案'],
  [/(?<!\d)1[3-9]\d[\s*-]?\d{4}[\s*-]?\d{4}(?!\d)/g, '（电话已删去）'],
  [/1[3-9]\d\*{4}\d{4}/g, '（电话已删去）'],
  [/(?<![0-9A-Za-z])\d{6}(?:\d{8}|\*{8})\d{3}[\dXx*](?![0-9A-Za-z])/g, '（证件号已删去）'],
  [/(?<![0-9A-Za-z])\d{6}\*+\d{2,4}[\dXx]?(?![0-9A-Za-z])/g, '（证件号已删去）'],
  // a masked name, 梁** / 梁*
  [/[\u4e00-\u9fa5]\*{1,3}/g, '当事人'],
  // dates and times
  [/\d{4}\s*[-年/.]\s*\d{1,2}\s*[-月/.]\s*\d{1,2}\s*日?/g, '某日'],
  [/\d{1,2}\s*月\s*\d{1,2}\s*[日号]/g, '某日'],
  [/\d{4}\s*年/g, '某年'],
  [/\d{1,2}\s*月份?/g, '某月'],
  [/(?<!\d)\d{1,2}\s*[:：]\s*\d{2}(?!\d)/g, '某时'],
  [/(?:周|星期)[一二三四五六日天]/g, '某日'],
  // places: a name is two or three characters before its kind, none of them a little word like 与、到、转
  [/(?:(?![与和及到在去回的经由向转为给对找请往从住])[\u4e00-\u9fa5]){2,3}(?:小区|花园|公寓|新村|工业区|城中村)/g, '某小区'],
  [/(?:(?![与和及到在去回的经由向转为给对找请往从住])[\u4e00-\u9fa5]){2}社区/g, '某社区'],
  [/(?:(?![某区与和及到在去回的经由向转为给对找请往从住])[\u4e00-\u9fa5A-Za-z\d]){2,6}(?:路|街|巷|大道)\s*\d+\s*号(?:之\d+)?/g, '某处'],
  [/\d+\s*(?:栋|座|号楼|单元)(?:\s*\d+\s*(?:室|房|号)?)?/g, ''],
  [/\d+\s*(?:楼|室|房)/g, ''],
  [/(?:深圳市)?宝安区?/g, '本区'],
  [/深圳市?/g, '本市'],
  // a street's own unit keeps its kind: 西乡派出所 → 辖区派出所
  [new RegExp(`(?:${STREETS.join('|')})(?:街道)?(妇联|派出所|司法所)?(?:中心|办)?`, 'g'), (_m: string, unit?: string) => (unit ? `辖区${unit}` : '某街道')],
  // a person called by surname and title
  [/[\u4e00-\u9fa5](?:女士|先生|阿姨|大姐|某某|某|小姐)(?![\u4e00-\u9fa5]?[街区社处日时年月])/g, '当事人'],
]

export function anonymise(text: string, known: Known): string {
  let out = text
  // longest first, so 林秀娟 goes before 林
  for (const [from, to] of [...known.replace].filter(([f]) => f.length >= 2).sort((a, b) => b[0].length - a[0].length)) out = out.split(from).join(to)
  for (const [re, to] of rules) out = typeof to === 'string' ? out.replace(re, to) : out.replace(re, to)
  return out.replace(/(当事人)(?:\s*\1)+/g, '$1').replace(/[ \t]{2,}/g, ' ')
}

/** What must not survive anonymisation: used by the tests and by the server before it keeps an entry. */
export function stillIdentifying(text: string, known: Known): string | null {
  for (const [from] of known.replace) if (from.length >= 2 && text.includes(from)) return from
  const m = /(?<!\d)1[3-9]\d{9}(?!\d)|\d{17}[\dXx]|\d{4}-\d{2}-\d{2}|\d{1,2}月\d{1,2}日/.exec(text)
  return m ? m[0] : null
}
