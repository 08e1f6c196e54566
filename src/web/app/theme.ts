// The console's look: a restrained government blue, a dark navigation column, compact tables.
import type { ThemeConfig } from 'antd';

export const BRAND = { primary: '#1f5fbf', navBackground: '#0f2a4d', navActive: '#1f5fbf' } as const;

export const theme: ThemeConfig = {
  token: {
    colorPrimary: BRAND.primary,
    colorLink: BRAND.primary,
    borderRadius: 6,
    fontFamily:
      '-apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "Helvetica Neue", Arial, sans-serif',
    colorBgLayout: '#f0f2f5',
  },
  components: {
    Layout: { siderBg: BRAND.navBackground, headerBg: '#ffffff', headerPadding: '0 16px', headerHeight: 56 },
    Menu: {
      darkItemBg: BRAND.navBackground,
      darkSubMenuItemBg: '#0b2140',
      darkItemSelectedBg: BRAND.navActive,
    },
    Table: { headerBg: '#f5f7fa' },
  },
};
