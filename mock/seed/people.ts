import type { Role } from '../../src/contract/common'
import type { UserRow } from '../db'
import { departments } from './departments'

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const ID_CHECK = '10X98765432'

/** GB 11643 check character (ISO 7064 MOD 11-2) for the first 17 digits of a resident ID number. */
export function idCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error(`idCheckDigit needs 17 digits, got "${first17}"`)
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]
  return ID_CHECK[sum % 11]
}

/** region (6) + birth date (8) + two-digit sequence + a sex digit (odd male, even female) + check. */
function pid(region: string, birth: string, seq: string, sex: 'M' | 'F'): string {
  const n = Number(seq) % 5
  const sexDigit = sex === 'M' ? [1, 3, 5, 7, 9][n] : [0, 2, 4, 6, 8][n]
  const first17 = `${region}${birth}${seq}${sexDigit}`
  return first17 + idCheckDigit(first17)
}

function streetOf(deptId: string): string | null {
  const dept = departments.find((d) => d.id === deptId)
  if (!dept) throw new Error(`seed person points at unknown department ${deptId}`)
  return dept.streetName
}

/** 区领导 see 机密; 局长/主任, 科长 and the clerks who register documents see 秘密. */
function clearanceFor(roles: Role[], rank: number): UserRow['clearance'] {
  if (roles.includes('leader') || rank === 1) return 'secret'
  if (rank <= 5 || roles.includes('clerk')) return 'confidential'
  return 'none'
}

/** rank: 1 区领导, 3 局长/主任, 5 科长/所长, 7 副科长, 9 一般工作人员 */
function staff(
  id: string,
  name: string,
  phone: string,
  deptId: string,
  position: string,
  roles: Role[],
  rank: number,
  idNumber: string | null = null,
): UserRow {
  return {
    id,
    kind: 'staff',
    name,
    phone,
    idNumber,
    address: null,
    roles,
    deptId,
    position,
    streetName: streetOf(deptId),
    rank,
    clearance: clearanceFor(roles, rank),
    externalId: `wecom-${id}`,
  }
}

function resident(id: string, name: string, phone: string, streetName: string, address: string, idNumber: string): UserRow {
  return {
    id,
    kind: 'resident',
    name,
    phone,
    idNumber,
    address,
    roles: ['resident'],
    deptId: null,
    position: null,
    streetName,
    rank: 9,
    clearance: 'none',
    externalId: `openid-${id}`,
  }
}

export const people: UserRow[] = [
  // 区政府领导
  staff('u-leader-01', '罗家明', '13902561847', 'dept-leaders', '副区长', ['leader'], 1),
  staff('u-staff-01', '郑婉清', '13691874520', 'dept-leaders', '副区长', ['leader'], 1),

  // 区政府办公室
  staff('u-leader-02', '叶国栋', '13823390716', 'dept-gov-office', '区政府办公室主任', ['leader', 'dept_head'], 3),
  staff('u-head-01', '林启航', '13510267384', 'dept-gov-office-secretariat', '秘书科科长', ['dept_head'], 5),
  staff('u-staff-02', '何嘉欣', '15112908346', 'dept-gov-office-secretariat', '秘书科副科长', ['clerk'], 7),
  staff('u-staff-03', '邓子轩', '18926015573', 'dept-gov-office-secretariat', '秘书科科员', ['handler'], 9),
  staff('u-staff-04', '钟秀琴', '13728650491', 'dept-gov-office-docs', '文电科科长', ['dept_head'], 5),
  staff('u-clerk-01', '黄雅婷', '13760218435', 'dept-gov-office-docs', '文书', ['clerk'], 9),
  staff('u-staff-05', '曾俊杰', '17820463195', 'dept-gov-office-docs', '文电科科员', ['clerk'], 9),

  // 区政务服务数据管理局
  staff('u-head-02', '吴振宇', '13902784516', 'dept-data', '综合科科长', ['dept_head'], 5),
  staff('u-staff-06', '刘思远', '15986372104', 'dept-data', '数据资源科副科长', ['handler'], 7),
  staff('u-clerk-02', '谢婉婷', '18718840362', 'dept-data', '文书', ['clerk'], 9),
  staff('u-handler-01', '梁嘉豪', '13632958071', 'dept-data', '政务服务科科员', ['handler'], 9),

  // 区督查室
  staff('u-staff-07', '蔡建平', '13802475619', 'dept-inspection', '督查室主任', ['supervisor', 'dept_head'], 3),
  staff('u-super-01', '陈思敏', '13590243618', 'dept-inspection', '督查专员', ['supervisor'], 5),
  staff('u-super-02', '黎志明', '18820937451', 'dept-inspection', '督查员', ['supervisor'], 9),

  // 区妇联
  staff('u-staff-08', '卢美玲', '13543860729', 'dept-wf', '权益部部长', ['federation_staff'], 5, pid('440306', '19790823', '06', 'F')),
  staff('u-fed-01', '苏晓琳', '15817462093', 'dept-wf', '权益部干事', ['federation_staff'], 9, pid('440306', '19920417', '31', 'F')),

  // 区司法局
  staff('u-staff-09', '杨志坚', '13829470163', 'dept-justice', '人民调解科科长', ['dept_head'], 5),
  staff('u-dispatch-01', '方小玲', '13058261974', 'dept-justice', '人民调解科科员', ['dispatcher'], 9),
  staff('u-mediator-03', '温国强', '13925871406', 'dept-justice-tjw', '专职人民调解员', ['mediator'], 9, pid('440306', '19680305', '12', 'M')),
  staff('u-staff-10', '郭惠芳', '15012839647', 'dept-justice-tjw', '专职人民调解员', ['mediator'], 9, pid('440303', '19740619', '48', 'F')),
  staff('u-staff-11', '彭晓东', '18938207614', 'dept-justice-admin-mediation', '行政调解科科长', ['dept_head'], 5),

  // 区民政局
  staff('u-head-03', '张丽娟', '13686920357', 'dept-civil', '社会事务科科长', ['dept_head'], 5),
  staff('u-handler-02', '李国华', '17688245170', 'dept-civil', '社会事务科科员', ['handler'], 9),
  staff('u-partner-civil-01', '王丽燕', '13417692508', 'dept-civil', '社会救助科科员', ['partner_liaison'], 9),

  // 区教育局
  staff('u-staff-12', '赵文斌', '15919362840', 'dept-edu', '德育与体卫艺科科员', ['handler'], 9),

  // 区机关事务管理局
  staff('u-staff-13', '孙永红', '13823017629', 'dept-affairs', '资产管理科科长', ['dept_head'], 5),
  staff('u-office-01', '袁静', '18665093127', 'dept-affairs', '综合保障科科员', ['office_manager'], 9),

  // 区财政局、区人力资源局
  staff('u-staff-14', '胡立新', '13760935482', 'dept-finance', '预算科科长', ['dept_head'], 5),
  staff('u-staff-15', '冯佩仪', '15220486713', 'dept-hr', '办公室文书', ['clerk'], 9),
  staff('u-hr-01', '邱晓岚', '13590218846', 'dept-hr', '干部人事科科员', ['handler'], 9),

  // 区妇儿工委办、团区委
  staff('u-wcw-01', '邱慧敏', '13480627195', 'dept-wcw', '妇儿工委办科员', ['wcw_member'], 9),
  staff('u-youth-01', '骆子豪', '18127639054', 'dept-youth-league', '团区委组织部干事', ['youth_league'], 9),

  // 区审计局、区纪委监委
  staff('u-auditor-01', '韩雪梅', '13570418926', 'dept-audit', '经济责任审计科科员', ['auditor'], 9),
  staff('u-staff-16', '董振华', '13926750318', 'dept-discipline', '第三纪检监察室主任', ['auditor'], 5),

  // 联动单位
  staff('u-partner-police-01', '蒋伟', '13798046215', 'dept-police', '社区警务大队民警', ['partner_liaison'], 9),
  // each street's 派出所 liaison for 妇联 cases: a red case reaches the one of its street at once
  staff('u-partner-police-02', '邝志成', '13688930417', 'dept-police', '西乡派出所社区民警', ['partner_liaison'], 9),
  staff('u-partner-police-03', '吕海燕', '15920475836', 'dept-police', '沙井派出所反家暴专干', ['partner_liaison'], 9),
  staff('u-partner-police-04', '何振华', '13590674128', 'dept-police', '福永派出所社区民警', ['partner_liaison'], 9),
  staff('u-partner-court-01', '潘雅琪', '15889740632', 'dept-court', '诉调对接中心法官助理', ['partner_liaison'], 9),
  staff('u-staff-17', '余俊峰', '18002617438', 'dept-procuratorate', '未成年人检察科检察官助理', ['partner_liaison'], 9),
  staff('u-staff-18', '杜欣怡', '13714285960', 'dept-hospital', '医务部干事', ['partner_liaison'], 9),
  staff('u-partner-school-01', '田晓峰', '13632701849', 'dept-school-xixiang', '德育处副主任', ['partner_liaison'], 7),
  staff('u-counsel-01', '高若楠', '15766203481', 'dept-psy-center', '心理咨询师', ['counsellor'], 9, pid('440305', '19880214', '53', 'F')),
  staff('u-staff-19', '马俊辉', '19928306715', 'dept-psy-center', '心理咨询师', ['counsellor'], 9),

  // 新安街道
  staff('u-ysw-01', '许晓雯', '19807552316', 'street-xinan', '青少年事务社工', ['youth_social_worker'], 9),
  staff('u-staff-20', '刘春梅', '13538027461', 'street-xinan-wf', '街道妇联专职副主席', ['federation_staff'], 7),
  staff('u-staff-21', '陈锦荣', '13802968153', 'street-xinan-sfs', '司法所所长', ['partner_liaison'], 5),
  staff('u-staff-22', '黄秀英', '13631590824', 'street-xinan-tjw', '专职人民调解员', ['mediator'], 9, pid('440306', '19710928', '20', 'F')),

  // 西乡街道
  staff('u-handler-03', '郑浩然', '18718695230', 'street-xixiang', '党政综合办科员', ['handler'], 9),
  staff('u-fed-02', '周小红', '13510948276', 'street-xixiang-wf', '街道妇联干事', ['federation_staff'], 9, pid('440306', '19900712', '44', 'F')),
  staff('u-staff-23', '钟伟明', '15818730964', 'street-xixiang-sfs', '司法所科员', ['partner_liaison'], 9),
  staff('u-mediator-01', '吴桂兰', '13662508719', 'street-xixiang-tjw', '专职人民调解员', ['mediator'], 9, pid('440306', '19660402', '17', 'F')),
  staff('u-staff-24', '潘志勇', '17727481036', 'street-xixiang-tjw', '兼职人民调解员', ['mediator'], 9),
  staff('u-fedexec-01', '文淑贞', '13724096358', 'street-xixiang-c-gushu', '社区妇联主席', ['federation_exec'], 9),

  // 航城街道
  staff('u-staff-25', '曾丽萍', '13590817462', 'street-hangcheng-wf', '街道妇联干事', ['federation_staff'], 9),
  staff('u-staff-26', '谭国辉', '13828460597', 'street-hangcheng-sfs', '司法所副所长', ['partner_liaison'], 7),
  staff('u-staff-27', '欧阳琳', '15013674802', 'street-hangcheng-tjw', '专职人民调解员', ['mediator'], 9),

  // 福永街道
  staff('u-staff-28', '冼嘉敏', '18923740185', 'street-fuyong-wf', '街道妇联干事', ['federation_staff'], 9),
  staff('u-staff-29', '廖永生', '13702586341', 'street-fuyong-sfs', '司法所所长', ['partner_liaison'], 5),
  staff('u-mediator-02', '陈德明', '13926047583', 'street-fuyong-tjw', '专职人民调解员', ['mediator'], 9, pid('440306', '19630519', '05', 'M')),
  staff('u-staff-30', '麦淑仪', '15338720496', 'street-fuyong-tjw', '兼职人民调解员', ['mediator'], 9),

  // 福海街道
  staff('u-staff-31', '甘翠玲', '13682731059', 'street-fuhai-wf', '街道妇联干事', ['federation_staff'], 9),
  staff('u-staff-32', '莫家伟', '18576204839', 'street-fuhai-sfs', '司法所科员', ['partner_liaison'], 9),
  staff('u-staff-33', '庞振东', '13410592867', 'street-fuhai-tjw', '专职人民调解员', ['mediator'], 9),

  // 沙井街道
  staff('u-staff-34', '陈月娥', '13823659104', 'street-shajing-wf', '街道妇联专职副主席', ['federation_staff'], 7),
  staff('u-staff-35', '江志华', '13509627381', 'street-shajing-sfs', '司法所所长', ['partner_liaison'], 5),
  staff('u-staff-36', '戴振邦', '13760481925', 'street-shajing-tjw', '专职人民调解员', ['mediator'], 9),
  staff('u-staff-37', '张桂芬', '15914826037', 'street-shajing-tjw', '兼职人民调解员', ['mediator'], 9),
  staff('u-staff-38', '梁淑华', '13699812740', 'street-shajing-c-shatou', '社区妇联主席', ['federation_exec'], 9),

  // 新桥街道
  staff('u-staff-39', '叶翠华', '18038172654', 'street-xinqiao-wf', '街道妇联干事', ['federation_staff'], 9),
  staff('u-staff-40', '黎国明', '13751906283', 'street-xinqiao-sfs', '司法所科员', ['partner_liaison'], 9),
  staff('u-staff-41', '文冠雄', '13925308476', 'street-xinqiao-tjw', '专职人民调解员', ['mediator'], 9),

  // 松岗街道
  staff('u-staff-42', '罗婉仪', '17820951634', 'street-songgang', '青少年事务社工', ['youth_social_worker'], 9),
  staff('u-staff-43', '蔡晓君', '13828103947', 'street-songgang-wf', '街道妇联干事', ['federation_staff'], 9),
  staff('u-staff-44', '邓伟雄', '13537162908', 'street-songgang-sfs', '司法所所长', ['partner_liaison'], 5),
  staff('u-staff-45', '卓美珍', '15999640173', 'street-songgang-tjw', '专职人民调解员', ['mediator'], 9),

  // 燕罗街道
  staff('u-staff-46', '植晓霞', '13612983570', 'street-yanluo-wf', '街道妇联干事', ['federation_staff'], 9),
  staff('u-staff-47', '陆家辉', '18688420317', 'street-yanluo-sfs', '司法所科员', ['partner_liaison'], 9),
  staff('u-staff-48', '黄伟光', '13714960528', 'street-yanluo-tjw', '专职人民调解员', ['mediator'], 9),

  // 石岩街道
  staff('u-staff-49', '温小燕', '15112637089', 'street-shiyan-wf', '街道妇联干事', ['federation_staff'], 9),
  staff('u-staff-50', '钟建新', '13802391756', 'street-shiyan-sfs', '司法所所长', ['partner_liaison'], 5),
  staff('u-staff-51', '刘德贵', '13925196430', 'street-shiyan-tjw', '专职人民调解员', ['mediator'], 9),

  // 督查联络员名册里的单位负责人和联络员（督查督办）
  staff('u-sup-01', '庄伟东', '13925407168', 'dept-edu', '区教育局办公室主任', ['handler'], 5),
  staff('u-sup-02', '何丽华', '15820396417', 'dept-finance', '区财政局办公室科员', ['handler'], 9),
  staff('u-sup-03', '陈志强', '13714082693', 'street-xixiang', '西乡街道党政综合办主任', ['handler'], 5),
  staff('u-sup-04', '林晓燕', '13590826174', 'street-shajing', '沙井街道党政综合办主任', ['handler'], 5),
  staff('u-sup-05', '黄俊杰', '18898402531', 'street-shajing', '沙井街道党政综合办科员', ['handler'], 9),
  staff('u-sup-06', '刘婷', '13631827045', 'dept-hr', '区人力资源局办公室主任', ['handler'], 5),
  staff('u-sup-07', '周建华', '13826041937', 'street-xinan', '新安街道党政综合办主任', ['handler'], 5),
  staff('u-sup-08', '吴敏', '15986217043', 'street-xinan', '新安街道党政综合办科员', ['handler'], 9),
  staff('u-sup-09', '罗晓琪', '13725480916', 'dept-justice', '区司法局办公室科员', ['handler'], 9),

  // 群众
  resident('r-resident-01', '陈淑芬', '13612570438', '西乡街道', '宝安区西乡街道固戍社区固戍一路28号3栋502', pid('440306', '19730514', '26', 'F')),
  resident('r-resident-02', '李建国', '13902817364', '新安街道', '宝安区新安街道翻身社区翻身路45号2单元801', pid('440306', '19580921', '03', 'M')),
  resident('r-resident-03', '黄美娟', '18820460915', '福永街道', '宝安区福永街道凤凰社区凤凰第一工业区宿舍B栋306', pid('440306', '19861103', '38', 'F')),
  resident('r-resident-04', '张伟强', '13570629841', '沙井街道', '宝安区沙井街道沙头社区沙井路168号', pid('440306', '19800227', '15', 'M')),
  resident('r-resident-05', '刘小梅', '15019387264', '航城街道', '宝安区航城街道黄田社区黄田新村东区12号', pid('440307', '19950616', '42', 'F')),
  resident('r-resident-06', '吴志明', '17620538197', '松岗街道', '宝安区松岗街道东方社区东方大道57号4栋1203', pid('440306', '19670808', '09', 'M')),
  resident('r-resident-07', '郑丽珍', '19925406381', '石岩街道', '宝安区石岩街道浪心社区浪心路19号', pid('440304', '19911230', '27', 'F')),
  resident('r-resident-08', '林国安', '13828670152', '西乡街道', '宝安区西乡街道臣田社区臣田东路21号6栋703', pid('440306', '19760315', '11', 'M')),
  resident('r-resident-09', '何秀兰', '13751286049', '西乡街道', '宝安区西乡街道流塘社区流塘路63号2栋1102', pid('440306', '19890207', '35', 'F')),
]
