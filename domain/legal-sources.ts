// 法律依据: every statute the deadline policies cite, in one place, so that a corrected article
// number is one edit. Article numbers as read from the official texts (see DOMAIN.md).

export interface LegalSource {
  /** Short Chinese title of the law or rule. */
  law: string;
  /** English title. */
  lawEn: string;
  /** The article(s), as printed in Chinese (第…条) and as numbers for English. */
  article: string;
  articleEn: string;
}

const source = (law: string, lawEn: string, article: string, articleEn: string): LegalSource => ({
  law,
  lawEn,
  article,
  articleEn,
});

const CPL = ['刑事诉讼法', 'Criminal Procedure Law'] as const;
const PSB_CRIMINAL = [
  '公安机关办理刑事案件程序规定',
  'MPS Rules on Criminal Case Procedure',
] as const;
const PSB_ADMIN = [
  '公安机关办理行政案件程序规定',
  'MPS Rules on Administrative Case Procedure',
] as const;
const PUBLIC_ORDER = [
  '治安管理处罚法（2025）',
  'Public Security Administration Punishments Law (2025)',
] as const;

const OGI = [
  '中华人民共和国政府信息公开条例（2019）',
  'Regulations on Open Government Information (2019)',
] as const;

const ADMIN_RECONSIDERATION = [
  '中华人民共和国行政复议法（2023年修订）',
  'Administrative Reconsideration Law (2023 revision)',
] as const;
const ADMIN_LITIGATION = ['中华人民共和国行政诉讼法', 'Administrative Litigation Law'] as const;

export const LEGAL_SOURCES = {
  REGISTER_REPORT: source(...PSB_CRIMINAL, '第一百六十九条、第一百七十一条', 'Art. 169, 171'),
  TRANSFER: source(...PSB_CRIMINAL, '第一百七十五条', 'Art. 175'),
  FILING_REVIEW: source(
    '公安部关于改革完善受案立案制度的意见（2015）',
    'MPS Opinion on Case Acceptance and Filing (2015)',
    '',
    '',
  ),
  NON_FILING_NOTICE: source(...PSB_CRIMINAL, '第一百七十八条', 'Art. 178'),
  // Approvals (审批) the law reserves to 县级以上公安机关负责人.
  FILING_DECISION: source(...PSB_CRIMINAL, '第一百七十八条', 'Art. 178'),
  ARREST_REQUEST_EXTENSION: source(...PSB_CRIMINAL, '第一百二十九条', 'Art. 129'),
  CUSTODY_EXTENSION_REQUEST: source(...PSB_CRIMINAL, '第一百四十八条', 'Art. 148'),
  PROSECUTION_OPINION: source(...PSB_CRIMINAL, '第二百八十九条', 'Art. 289'),
  // Which 治安 penalties a 派出所 may decide itself; the 2025 law's article still to confirm.
  PENALTY_DECISION_LEVEL: source(...PUBLIC_ORDER, '', ''),
  RECONSIDERATION: source(...PSB_CRIMINAL, '第一百七十九条', 'Art. 179'),
  ADMIN_CASE: source(...PUBLIC_ORDER, '第一百一十八条', 'Art. 118'),
  ADMIN_QUESTIONING: source(...PUBLIC_ORDER, '第九十七条', 'Art. 97'),
  FAST_ADMIN_CASE: source(...PSB_ADMIN, '第四十七条至第四十八条', 'Art. 47-48'),
  PENALTY_SERVICE: source(...PUBLIC_ORDER, '第一百一十六条', 'Art. 116'),
  ARREST_REQUEST: source(...CPL, '第九十一条', 'Art. 91'),
  DETENTION: source(...CPL, '第八十五条', 'Art. 85'),
  FIRST_INTERROGATION: source(...CPL, '第八十六条', 'Art. 86'),
  // The 5 days are 公安刑规's (its article still to confirm against the official text).
  ARREST_DENIAL_RECONSIDERATION: source(...CPL, '第九十二条', 'Art. 92'),
  CUSTODY_INVESTIGATION: source(...CPL, '第一百五十六条至第一百五十九条', 'Art. 156-159'),
  BAIL_AND_SURVEILLANCE: source(...CPL, '第七十九条', 'Art. 79'),
  PROSECUTION_REVIEW: source(...CPL, '第一百七十二条', 'Art. 172'),
  SUPPLEMENTARY_INVESTIGATION: source(...CPL, '第一百七十五条', 'Art. 175'),
  // The 7 days are 公安刑规's (its article still to confirm against the official text).
  NON_PROSECUTION_RECONSIDERATION: source(...CPL, '第一百七十九条', 'Art. 179'),
  NON_PROSECUTION_RECONSIDERATION_DECISION: source(
    '人民检察院刑事诉讼规则（2019）',
    'Rules of Criminal Procedure of the People’s Procuratorates (2019)',
    '第三百七十九条',
    'Art. 379',
  ),
  PLEA_AGREEMENT: source(...CPL, '第一百七十四条', 'Art. 174'),
  FAST_TRACK_TRIAL: source(...CPL, '第二百二十五条至第二百二十六条', 'Art. 225-226'),
  // Not in DOMAIN.md's table: the trial periods after a fast-track trial is converted.
  SIMPLIFIED_TRIAL: source(...CPL, '第二百二十条', 'Art. 220'),
  ORDINARY_TRIAL: source(...CPL, '第二百零八条', 'Art. 208'),
  INFO_DISCLOSURE: source(...OGI, '第三十三条', 'Art. 33'),
  // An unclear application: correction asked once, within 7 working days of receipt.
  INFO_CORRECTION: source(...OGI, '第三十条', 'Art. 30'),
  // The date of receipt by channel (in person, post, online or fax).
  INFO_RECEIPT: source(...OGI, '第三十一条', 'Art. 31'),
  // A third party's opinion: asked in writing, given within 15 working days of receiving the letter.
  INFO_THIRD_PARTY: source(...OGI, '第三十二条', 'Art. 32'),
  // The kinds of answer (Art. 36), partial disclosure (Art. 37), a request that is not one (Art. 39).
  INFO_ANSWER: source(...OGI, '第三十六条、第三十七条、第三十九条', 'Art. 36, 37, 39'),
  // The respondent's written reply and evidence, within 10 days of receiving the copy of the
  // application (复议申请书副本) or of the record of an oral application.
  ADMIN_RECONSIDERATION_REPLY: source(...ADMIN_RECONSIDERATION, '第四十八条', 'Art. 48'),
  // The law's "三日、五日、七日、十日" are working days, public holidays not counted.
  ADMIN_RECONSIDERATION_DAYS: source(...ADMIN_RECONSIDERATION, '第八十八条第二款', 'Art. 88 ¶2'),
  // The decisions: 变更, 撤销, 确认违法, 责令履行, 确认无效, 维持, 驳回 (Art. 63-69); 调解, 和解 (Art. 73-74).
  ADMIN_RECONSIDERATION_DECISIONS: source(
    ...ADMIN_RECONSIDERATION,
    '第六十三条至第六十九条、第七十三条、第七十四条',
    'Art. 63-69, 73, 74',
  ),
  // The defendant's defence (答辩状) and evidence, within 15 days of receiving the complaint's copy.
  ADMIN_LITIGATION_DEFENCE: source(...ADMIN_LITIGATION, '第六十七条', 'Art. 67'),
  // Periods are counted as the Civil Procedure Law counts them (期间).
  ADMIN_LITIGATION_COUNTING: source(...ADMIN_LITIGATION, '第一百零一条', 'Art. 101'),
  // 出庭应诉: the responsible person of the organ sued appears; if not, an officer of the organ does.
  COURT_APPEARANCE: source(...ADMIN_LITIGATION, '第三条第三款', 'Art. 3 ¶3'),
  // The judgments: 调解 (Art. 60), 撤诉 (Art. 62), 驳回, 撤销, 责令履行, 确认违法/无效, 变更 (Art. 69-77).
  ADMIN_JUDGMENTS: source(
    ...ADMIN_LITIGATION,
    '第六十条、第六十二条、第六十九条至第七十七条',
    'Art. 60, 62, 69-77',
  ),
  // Criminal-justice acts (刑事司法行为) are not an administrative act that can be challenged.
  NOT_ADMINISTRATIVE_ACT: source(
    '最高人民法院关于适用《中华人民共和国行政诉讼法》的解释（2018）',
    'SPC Interpretation of the Administrative Litigation Law (2018)',
    '第一条第二款第（一）项',
    'Art. 1 ¶2 (1)',
  ),
  PERIOD_COUNTING: source(...CPL, '第一百零五条', 'Art. 105'),
  MONTH_COUNTING: source(
    '最高人民法院关于适用《中华人民共和国刑事诉讼法》的解释（2021）',
    'SPC Interpretation of the Criminal Procedure Law (2021)',
    '第二百零二条',
    'Art. 202',
  ),
  BUREAU_RULE: source('本局执法办案规定', "the bureau's own rules", '', ''),
} as const satisfies Record<string, LegalSource>;

export type LegalSourceCode = keyof typeof LEGAL_SOURCES;

export function citeZh(s: LegalSource): string {
  return `${s.law}${s.article}`;
}

export function citeEn(s: LegalSource): string {
  return s.articleEn ? `${s.lawEn}, ${s.articleEn}` : s.lawEn;
}
