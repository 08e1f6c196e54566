// The names of the public API's fields, as a refusal (422) names them, for the public pages:
// Chinese and English. Kept apart from the web app's table so the public bundle stays small;
// test/api/field-names.test.ts fails on a public request field this table lacks.
import { namesByLanguage, fieldPathText as pathText } from '../client/field-path.ts';

const NAMES: Record<string, readonly [zh: string, en: string]> = {
  address: ['地址', 'address'],
  anonymous: ['匿名', 'anonymous'],
  arrivedOn: ['到达日期', 'arrival date'],
  category: ['类别', 'category'],
  code: ['登记码', 'registration code'],
  cursor: ['分页位置', 'page cursor'],
  data: ['数据', 'data'],
  description: ['描述', 'description'],
  file: ['文件', 'file'],
  gridId: ['网格', 'grid'],
  id: ['编号', 'id'],
  idNumber: ['身份证号', 'ID number'],
  imageId: ['图片', 'image'],
  limit: ['每页条数', 'page size'],
  name: ['姓名', 'name'],
  origin: ['来源地', 'place of origin'],
  parentId: ['上级区域', 'parent region'],
  phone: ['手机号', 'phone'],
  photos: ['照片', 'photos'],
  place: ['地点', 'place'],
  qrToken: ['二维码', 'QR code'],
  regionId: ['所在区域', 'region'],
  token: ['查询码', 'code'],
  topic: ['栏目', 'topic'],
  trackingCode: ['查询码', 'tracking code'],
  workers: ['返岗人员', 'workers'],
};

export const fieldNames = namesByLanguage(NAMES);

/** A server field path in the page's language. */
export const fieldPathText = (path: string, language: string) => pathText(path, fieldNames[language === 'en' ? 'en' : 'zh-CN'], language === 'en');
