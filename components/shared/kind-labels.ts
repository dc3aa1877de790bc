import type { SecurityKind } from '../../lib/securities';

/** What each kind of security is called on a badge. */
export const KIND_LABELS: Record<SecurityKind, string> = {
  stock: '股票',
  sector: '板块',
  index: '指数',
  fund: '基金',
  hk: '港股',
  us: '美股',
  future: '期货',
  forex: '外汇',
  other: '其他',
};
