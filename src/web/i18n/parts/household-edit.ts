// The 'householdEdit' namespace of the UI text (edits, conflicts, merges): Chinese first; English has
// the same keys (typed). A part of its own: the phone app's conflicts page brings it along.
import { PERSON_FIELD_WORDS_EN, PERSON_FIELD_WORDS_ZH } from '../../../shared/person-field-words.ts';
export const zh = {
  edit: '编辑', editHousehold: '编辑住户', editPerson: '编辑人员：{{name}}', saved: '已保存', noChange: '没有修改',
  keepNumber: '当前 {{masked}}，不修改请留空', newNumber: '输入完整号码', maskedRefused: '不能保存带 * 的号码，请输入完整号码',
  numberHelp: '列表中的号码已脱敏；要修改请输入完整的新号码。',
  clashTitle: '部分修改未生效', clashIntro: '以下字段在你打开后已被他人修改，平台保留了服务器上的值；你的修改已提交网格长裁决：',
  travelMode: '交通方式', dwellingRelation: '与住房关系',
  travelModes: { train: '火车', plane: '飞机', bus: '汽车', car: '自驾', ship: '轮船', other: '其他' },
  dwellingRelations: { owner: '户主/产权人', family: '家庭成员', tenant: '承租人', lodger: '借住' },
  fields: {
    ...PERSON_FIELD_WORDS_ZH,
    name: '姓名', origin: '来源地', travelMode: '交通方式',
    dwellingRelation: '与住房关系', keyPersonReason: '列为重点的原因', householdId: '所在住户',
    regionId: '所属网格', leftOn: '离开日期', leftTo: '去向', toCountyCode: '去往县（市、区）', riskColour: '风险赋码', address: '地址', building: '幢', unit: '单元', room: '室', isRental: '出租房屋', landlordName: '房东姓名', landlordPhone: '房东电话',
  },
  history: {
    title: '修改记录', personTitle: '修改记录：{{name}}', show: '修改记录', empty: '暂无修改记录', unknownUser: '未知账号', version: '第 {{v}} 版',
    changed: '已修改（健康相关，内容不显示）', nameOnly: '已修改（早期记录只保留了字段名）', none: '（空）', masked: '号码已脱敏',
  },
  conflicts: '编辑冲突', conflictsTitle: '编辑冲突', conflictsIntro: '离线或同时编辑时，同一字段被两人改成不同的值：平台先保留当前值，由网格长决定采用哪一个。',
  conflictsEmpty: '没有待处理的编辑冲突', record: '记录', field: '字段', serverValue: '当前值', proposedValue: '提交的值',
  proposedBy: '提交人', proposedAt: '提交时间', actions: '处理', take: '采用提交值', keep: '保留当前值',
  taken: '已采用提交的值', kept: '已保留当前值', entityHousehold: '住户', entityPerson: '人员', yes: '是', no: '否', unknownUser: '未知', open: '查看住户',
  merge: {
    title: '该身份证号已登记', intro: '县内已有同一身份证号的人员，请核对是否为同一人：', existing: '已登记人员', address: '现住址', region: '所属区域',
    samePerson: '是同一人，已搬到本户', samePersonHelp: '将该人员迁入本户，并逐项选择保留原值或采用新填写的值。',
    field: '项目', keepExisting: '保留原值', takeNew: '采用新值', noDiffer: '填写的信息与已登记的一致，将直接迁入本户。',
    confirm: '合并并迁入本户', merged: '已合并：{{name}} 已迁入本户', stale: '该人员的信息刚被修改，已重新载入，请核对后再合并',
    elsewhere: '已在其他辖区登记', elsewhereHelp: '该身份证号已在其他辖区登记，无法在此合并或查看详情。请联系镇（街道）核实该人员去向。',
    existingValue: '原值', newValue: '新填写', none: '（空）', backToForm: '返回修改',
  },
};

export const en: typeof zh = {
  edit: 'Edit', editHousehold: 'Edit household', editPerson: 'Edit person: {{name}}', saved: 'Saved', noChange: 'Nothing was changed',
  keepNumber: 'Now {{masked}}; leave empty to keep it', newNumber: 'Type the full number', maskedRefused: 'A number with * cannot be saved: type the full number',
  numberHelp: 'Numbers are masked in lists; to change one, type the full new number.',
  clashTitle: 'Some changes did not apply', clashIntro: 'Someone else changed these fields after you opened the record. The server’s values were kept; your values went to the grid leader to decide:',
  travelMode: 'Travel mode', dwellingRelation: 'Relation to the dwelling',
  travelModes: { train: 'Train', plane: 'Plane', bus: 'Bus', car: 'Car', ship: 'Ship', other: 'Other' },
  dwellingRelations: { owner: 'Head / owner', family: 'Family member', tenant: 'Tenant', lodger: 'Lodger' },
  fields: {
    ...PERSON_FIELD_WORDS_EN,
    name: 'Name', origin: 'Came from', travelMode: 'Travel mode',
    dwellingRelation: 'Relation to the dwelling', keyPersonReason: 'Key person reason', householdId: 'Household',
    regionId: 'Grid', leftOn: 'Left on', leftTo: 'Gone to', toCountyCode: 'County gone to', riskColour: 'Risk colour', address: 'Address', building: 'Building', unit: 'Unit', room: 'Room', isRental: 'Rental', landlordName: 'Landlord', landlordPhone: 'Landlord phone',
  },
  history: {
    title: 'Change history', personTitle: 'Change history: {{name}}', show: 'History', empty: 'No changes yet', unknownUser: 'Unknown account', version: 'version {{v}}',
    changed: 'Changed (health-related: values not shown)', nameOnly: 'Changed (older records kept the field name only)', none: '(empty)', masked: 'numbers masked',
  },
  conflicts: 'Edit conflicts', conflictsTitle: 'Edit conflicts', conflictsIntro: 'Two people changed the same field to different values (offline or at the same time). The current value was kept; the grid leader decides which one stands.',
  conflictsEmpty: 'No open edit conflicts', record: 'Record', field: 'Field', serverValue: 'Current value', proposedValue: 'Proposed value',
  proposedBy: 'Proposed by', proposedAt: 'Proposed at', actions: 'Decide', take: 'Take proposed', keep: 'Keep current',
  taken: 'The proposed value was applied', kept: 'The current value was kept', entityHousehold: 'Household', entityPerson: 'Person', yes: 'Yes', no: 'No', unknownUser: 'Unknown', open: 'Open household',
  merge: {
    title: 'This ID number is already registered', intro: 'A person with the same ID number is registered in the county. Is it the same person?', existing: 'Registered person', address: 'Lives at', region: 'Region',
    samePerson: 'Same person, moved here', samePersonHelp: 'Move this person into this household and choose, field by field, the registered or the newly typed value.',
    field: 'Field', keepExisting: 'Keep registered', takeNew: 'Take new', noDiffer: 'The typed details match the registered ones; the person just moves here.',
    confirm: 'Merge and move here', merged: 'Merged: {{name}} now lives in this household', stale: 'This person was just changed; the record was reloaded, check it before merging',
    elsewhere: 'Registered in another region', elsewhereHelp: 'This ID number is registered in another region: it cannot be merged or shown here. Contact the town to find out where the person is.',
    existingValue: 'Registered', newValue: 'Typed', none: '(empty)', backToForm: 'Back to the form',
  },
};
