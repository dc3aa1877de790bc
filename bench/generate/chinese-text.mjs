// Chinese financial prose, deterministic from a PRNG. Not readable, but with
// the shape that costs: CJK characters (3 bytes each in UTF-8), news
// vocabulary, full-width punctuation and sentences of realistic length.

const WORDS = (
  '公司 市场 投资 增长 业绩 季度 营业收入 净利润 同比 环比 板块 个股 资金 主力 机构 北向资金 ' +
  '证券 银行 保险 基金 债券 指数 上涨 下跌 收盘 开盘 成交额 换手率 估值 市盈率 分红 回购 增持 减持 ' +
  '公告 董事会 股东大会 募集资金 项目 产能 订单 客户 行业 政策 监管 改革 创新 科技 新能源 光伏 ' +
  '储能 半导体 芯片 人工智能 算力 数据中心 医药 生物 消费 白酒 汽车 地产 基建 有色 煤炭 钢铁 ' +
  '化工 军工 电力 通信 传媒 游戏 旅游 航运 港口 物流 农业 养殖 利率 汇率 通胀 经济 复苏 需求 供给 ' +
  '出口 进口 外资 流动性 降准 降息 央行 财政 专项债 知识产权 融资 上市 发行 规模 亿元 万元 分析师 ' +
  '研报 预计 目标价 评级 买入 持有 风险 提示 不确定性 稳健 显著 持续 进一步 积极 推动 加快 支持'
).split(' ');

const FILLERS = '的一是在了和有对为以于与及将等也中上下其这该已并而或但从到由被把所向着'.split('');
const COMMAS = ['，', '，', '，', '、', '；'];
const ENDS = ['。', '。', '。', '！', '？'];

/** One sentence of roughly `length` characters. */
export function sentence(random, length = random.int(18, 48)) {
  let text = '';
  while (text.length < length) {
    text += random.pick(WORDS);
    if (random.next() < 0.5) text += random.pick(FILLERS);
    if (random.next() < 0.12 && text.length < length - 6) text += random.pick(COMMAS);
  }
  return text + random.pick(ENDS);
}

/** Sentences up to about `length` characters. */
export function prose(random, length) {
  let text = '';
  while (text.length < length) text += sentence(random);
  return text;
}

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗'.split('');
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华文'.split('');

export function personName(random) {
  return random.pick(SURNAMES) + random.pick(GIVEN) + (random.next() < 0.6 ? random.pick(GIVEN) : '');
}

export const SOURCES = [
  '中国证券报', '证券时报', '上海证券报', '证券日报', '第一财经', '财联社', '经济参考报',
  '新华社', '21世纪经济报道', '东方财富研究中心', '每日经济新闻', '期货日报',
];
