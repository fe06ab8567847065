import type { DepartmentRow } from '../db'

/** A district office or other unit that is not under a street. */
function unit(
  id: string,
  name: string,
  shortName: string,
  kind: DepartmentRow['kind'],
  parentId: string | null = null,
): DepartmentRow {
  return { id, name, shortName, kind, parentId, streetName: null }
}

interface StreetSeed {
  id: string
  /** 西乡 */
  short: string
  /** [pinyin, community name without 社区] */
  communities: [string, string][]
}

/** The ten streets of 宝安区 and a few of each street's real communities. */
const streets: StreetSeed[] = [
  {
    id: 'street-xinan',
    short: '新安',
    communities: [
      ['haiyu', '海裕'],
      ['shangchuan', '上川'],
      ['buxin', '布心'],
      ['fanshen', '翻身'],
      ['lingzhiyuan', '灵芝园'],
    ],
  },
  {
    id: 'street-xixiang',
    short: '西乡',
    communities: [
      ['xixiang', '西乡'],
      ['gushu', '固戍'],
      ['chentian', '臣田'],
      ['yantian', '盐田'],
      ['liutang', '流塘'],
    ],
  },
  {
    id: 'street-hangcheng',
    short: '航城',
    communities: [
      ['huangtian', '黄田'],
      ['hezhou', '鹤洲'],
      ['sanwei', '三围'],
      ['hourui', '后瑞'],
      ['jiuwei', '九围'],
    ],
  },
  {
    id: 'street-fuyong',
    short: '福永',
    communities: [
      ['fuyong', '福永'],
      ['fenghuang', '凤凰'],
      ['baishixia', '白石厦'],
      ['huaide', '怀德'],
    ],
  },
  {
    id: 'street-fuhai',
    short: '福海',
    communities: [
      ['qiaotou', '桥头'],
      ['tangwei', '塘尾'],
      ['heping', '和平'],
      ['xintian', '新田'],
    ],
  },
  {
    id: 'street-shajing',
    short: '沙井',
    communities: [
      ['shayi', '沙一'],
      ['shatou', '沙头'],
      ['buyong', '步涌'],
      ['yabian', '衙边'],
    ],
  },
  {
    id: 'street-xinqiao',
    short: '新桥',
    communities: [
      ['xinqiao', '新桥'],
      ['shangxing', '上星'],
      ['shangliao', '上寮'],
      ['huangpu', '黄埔'],
      ['wanfeng', '万丰'],
    ],
  },
  {
    id: 'street-songgang',
    short: '松岗',
    communities: [
      ['songgang', '松岗'],
      ['dongfang', '东方'],
      ['hongxing', '红星'],
      ['tantou', '潭头'],
      ['shapu', '沙浦'],
    ],
  },
  {
    id: 'street-yanluo',
    short: '燕罗',
    communities: [
      ['yanchuan', '燕川'],
      ['luotian', '罗田'],
      ['tangxiayong', '塘下涌'],
      ['shanmen', '山门'],
    ],
  },
  {
    id: 'street-shiyan',
    short: '石岩',
    communities: [
      ['langxin', '浪心'],
      ['shuitian', '水田'],
      ['guantian', '官田'],
      ['tangtou', '塘头'],
      ['shangwu', '上屋'],
    ],
  },
]

/** 街道办事处, its 妇联, 司法所 and 人民调解委员会, then its communities. */
function streetUnits(s: StreetSeed): DepartmentRow[] {
  const streetName = `${s.short}街道`
  const child = (suffix: string, name: string, shortName: string, kind: DepartmentRow['kind']): DepartmentRow => ({
    id: `${s.id}-${suffix}`,
    name,
    shortName,
    kind,
    parentId: s.id,
    streetName,
  })
  return [
    { id: s.id, name: `${streetName}办事处`, shortName: streetName, kind: 'street_office', parentId: null, streetName },
    child('wf', `${streetName}妇联`, `${s.short}妇联`, 'street_office'),
    child('sfs', `${s.short}司法所`, `${s.short}司法所`, 'street_office'),
    child('tjw', `${streetName}人民调解委员会`, `${s.short}调委会`, 'committee'),
    ...s.communities.map(([pinyin, name]) => child(`c-${pinyin}`, `${name}社区`, `${name}社区`, 'community')),
  ]
}

export const departments: DepartmentRow[] = [
  unit('dept-leaders', '区政府领导', '区领导', 'district_leadership'),

  unit('dept-gov-office', '区政府办公室', '区府办', 'district_office'),
  unit('dept-gov-office-secretariat', '区政府办公室秘书科', '秘书科', 'district_office', 'dept-gov-office'),
  unit('dept-gov-office-docs', '区政府办公室文电科', '文电科', 'district_office', 'dept-gov-office'),
  unit('dept-data', '区政务服务数据管理局', '区政数局', 'district_office'),
  unit('dept-inspection', '区督查室', '督查室', 'district_office'),
  unit('dept-wf', '区妇女联合会', '区妇联', 'district_office'),
  unit('dept-justice', '区司法局', '区司法局', 'district_office'),
  unit('dept-justice-tjw', '宝安区人民调解委员会', '区调委会', 'committee', 'dept-justice'),
  unit('dept-justice-admin-mediation', '区司法局行政调解科', '行政调解科', 'district_office', 'dept-justice'),
  unit('dept-civil', '区民政局', '区民政局', 'district_office'),
  unit('dept-edu', '区教育局', '区教育局', 'district_office'),
  unit('dept-affairs', '区机关事务管理局', '区机关事务局', 'district_office'),
  unit('dept-finance', '区财政局', '区财政局', 'district_office'),
  unit('dept-hr', '区人力资源局', '区人力资源局', 'district_office'),
  unit('dept-wcw', '区妇女儿童工作委员会办公室', '区妇儿工委办', 'district_office'),
  unit('dept-youth-league', '共青团宝安区委员会', '团区委', 'district_office'),
  unit('dept-audit', '区审计局', '区审计局', 'district_office'),
  unit('dept-discipline', '区纪委监委', '区纪委监委', 'district_office'),

  unit('dept-police', '宝安公安分局', '公安分局', 'partner_unit'),
  unit('dept-court', '宝安区人民法院', '宝安法院', 'partner_unit'),
  unit('dept-procuratorate', '宝安区人民检察院', '宝安检察院', 'partner_unit'),
  unit('dept-hospital', '宝安区人民医院', '区人民医院', 'partner_unit'),
  unit('dept-school-xixiang', '宝安区西乡中学', '西乡中学', 'partner_unit'),
  unit('dept-psy-center', '宝安区心理健康服务中心', '区心理健康服务中心', 'partner_unit'),

  ...streets.flatMap(streetUnits),
]
