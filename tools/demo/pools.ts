/** Word pools for demo data: real GB/T 2260 codes, real schools and universities, plausible agencies. */

export interface Region {
  /** GB/T 2260 county-level code (the first six digits of a resident ID). */
  code: string
  province: string
  city: string
  district: string
  /** Place of birth as printed in a passport. */
  placePinyin: string
  schools: readonly string[]
  /** Public HR service agencies where a local graduate's archive is held. */
  agencies: readonly string[]
  weight: number
}

const r = (
  code: string,
  province: string,
  city: string,
  district: string,
  placePinyin: string,
  schools: string[],
  agencies: string[],
  weight = 1
): Region => ({ code, province, city, district, placePinyin, schools, agencies, weight })

export const REGIONS: readonly Region[] = [
  r('110108', '北京市', '北京市', '海淀区', 'BEIJING', ['中国人民大学附属中学', '北京市第一〇一中学', '清华大学附属中学', '北京大学附属中学'], ['北京市海淀区人才服务中心', '北京市人才服务中心'], 4),
  r('110105', '北京市', '北京市', '朝阳区', 'BEIJING', ['北京市第八十中学', '北京市陈经纶中学', '中国人民大学附属中学朝阳学校'], ['北京市朝阳区人才服务中心', '北京市人才服务中心'], 3),
  r('110102', '北京市', '北京市', '西城区', 'BEIJING', ['北京市第四中学', '北京师范大学附属实验中学', '北京市第八中学'], ['北京市西城区人才服务中心', '北京市人才服务中心'], 2),
  r('310104', '上海市', '上海市', '徐汇区', 'SHANGHAI', ['上海中学', '上海市南洋模范中学', '上海市位育中学'], ['上海市人才服务中心', '上海市徐汇区人才服务中心'], 3),
  r('310115', '上海市', '上海市', '浦东新区', 'SHANGHAI', ['华东师范大学第二附属中学', '上海市建平中学', '上海市进才中学'], ['上海市浦东新区人才交流中心', '上海市人才服务中心'], 3),
  r('440305', '广东省', '深圳市', '南山区', 'GUANGDONG', ['深圳中学', '深圳外国语学校', '深圳实验学校'], ['深圳市人才交流服务中心', '深圳市南山区人才服务中心'], 2),
  r('440106', '广东省', '广州市', '天河区', 'GUANGDONG', ['华南师范大学附属中学', '广东实验中学', '广州市执信中学'], ['广州市人力资源和社会保障局人才服务中心', '广东省人才交流服务中心'], 2),
  r('510107', '四川省', '成都市', '武侯区', 'SICHUAN', ['成都市第七中学', '成都石室中学', '成都市树德中学'], ['成都市人才流动服务中心', '四川省人才交流中心'], 2),
  r('130102', '河北省', '石家庄市', '长安区', 'HEBEI', ['石家庄市第二中学', '石家庄外国语学校', '河北正定中学'], ['石家庄市人才交流服务中心', '河北省人才交流服务中心']),
  r('320102', '江苏省', '南京市', '玄武区', 'JIANGSU', ['南京外国语学校', '南京师范大学附属中学', '南京市金陵中学'], ['南京市人才服务中心', '江苏省人才流动服务中心'], 2),
  r('330106', '浙江省', '杭州市', '西湖区', 'ZHEJIANG', ['杭州第二中学', '杭州学军中学', '杭州外国语学校'], ['杭州市人才服务中心', '浙江省人才发展服务中心'], 2),
  r('420106', '湖北省', '武汉市', '武昌区', 'HUBEI', ['华中师范大学第一附属中学', '武汉外国语学校', '湖北省武昌实验中学'], ['武汉市人才服务中心', '湖北省人才事业发展中心']),
  r('430104', '湖南省', '长沙市', '岳麓区', 'HUNAN', ['湖南师范大学附属中学', '长沙市长郡中学', '长沙市雅礼中学'], ['长沙市人才服务中心', '湖南省人才服务中心']),
  r('370102', '山东省', '济南市', '历下区', 'SHANDONG', ['山东省实验中学', '济南外国语学校', '山东师范大学附属中学'], ['济南市人才服务中心', '山东省人才交流服务中心']),
  r('370202', '山东省', '青岛市', '市南区', 'SHANDONG', ['青岛第二中学', '青岛第五十八中学'], ['青岛市人才服务中心']),
  r('610113', '陕西省', '西安市', '雁塔区', 'SHAANXI', ['西安高新第一中学', '西北工业大学附属中学', '西安交通大学附属中学'], ['西安市人才服务中心', '陕西省人才交流服务中心']),
  r('120101', '天津市', '天津市', '和平区', 'TIANJIN', ['天津市耀华中学', '天津市南开中学', '天津市实验中学'], ['天津市人才服务中心', '天津市和平区人才服务中心']),
  r('500103', '重庆市', '重庆市', '渝中区', 'CHONGQING', ['重庆市巴蜀中学校', '重庆市第一中学校', '重庆市求精中学校'], ['重庆市人才交流服务中心']),
  r('350203', '福建省', '厦门市', '思明区', 'FUJIAN', ['厦门第一中学', '厦门双十中学'], ['厦门市人才服务中心']),
  r('210102', '辽宁省', '沈阳市', '和平区', 'LIAONING', ['东北育才学校', '辽宁省实验中学'], ['沈阳市人才服务中心']),
  r('410105', '河南省', '郑州市', '金水区', 'HENAN', ['郑州外国语学校', '郑州市第一中学'], ['郑州市人才交流中心']),
  r('340104', '安徽省', '合肥市', '蜀山区', 'ANHUI', ['合肥一六八中学', '合肥市第一中学'], ['合肥市人才服务中心']),
  r('230103', '黑龙江省', '哈尔滨市', '南岗区', 'HEILONGJIANG', ['哈尔滨市第三中学校', '哈尔滨师范大学附属中学'], ['哈尔滨市人才服务中心']),
  r('530102', '云南省', '昆明市', '五华区', 'YUNNAN', ['云南师范大学附属中学', '昆明市第一中学'], ['昆明市人才服务中心'])
]

export const STREETS = ['中关村南大街', '人民路', '建设路', '解放路', '中山路', '新华路', '文化路', '学府路', '和平街', '长江路', '友谊路', '滨江路']

/** Surname, pinyin, weight (roughly by frequency). */
export const SURNAMES: readonly (readonly [string, string, number])[] = [
  ['王', 'WANG', 72], ['李', 'LI', 72], ['张', 'ZHANG', 69], ['刘', 'LIU', 52], ['陈', 'CHEN', 45], ['杨', 'YANG', 31],
  ['黄', 'HUANG', 24], ['赵', 'ZHAO', 22], ['吴', 'WU', 21], ['周', 'ZHOU', 21], ['徐', 'XU', 14], ['孙', 'SUN', 12],
  ['马', 'MA', 12], ['朱', 'ZHU', 11], ['胡', 'HU', 11], ['郭', 'GUO', 10], ['何', 'HE', 9], ['林', 'LIN', 9],
  ['高', 'GAO', 9], ['罗', 'LUO', 8], ['郑', 'ZHENG', 8], ['梁', 'LIANG', 7], ['谢', 'XIE', 6], ['宋', 'SONG', 6],
  ['唐', 'TANG', 6], ['许', 'XU', 5], ['韩', 'HAN', 5], ['冯', 'FENG', 5], ['邓', 'DENG', 5], ['曹', 'CAO', 5],
  ['彭', 'PENG', 4], ['曾', 'ZENG', 4], ['肖', 'XIAO', 4], ['田', 'TIAN', 4], ['董', 'DONG', 4], ['潘', 'PAN', 3],
  ['袁', 'YUAN', 3], ['蔡', 'CAI', 3], ['蒋', 'JIANG', 3], ['余', 'YU', 3], ['于', 'YU', 3], ['杜', 'DU', 3],
  ['叶', 'YE', 3], ['程', 'CHENG', 3], ['魏', 'WEI', 3], ['苏', 'SU', 3], ['吕', 'LYU', 3], ['丁', 'DING', 3],
  ['沈', 'SHEN', 2], ['姚', 'YAO', 2], ['钟', 'ZHONG', 2], ['崔', 'CUI', 2], ['谭', 'TAN', 2], ['陆', 'LU', 2],
  ['范', 'FAN', 2], ['金', 'JIN', 2], ['石', 'SHI', 2], ['贾', 'JIA', 2], ['夏', 'XIA', 2], ['方', 'FANG', 2],
  ['欧阳', 'OUYANG', 1], ['司马', 'SIMA', 0.3], ['上官', 'SHANGGUAN', 0.2]
]

type Char = readonly [string, string]
export const GIVEN_MALE: readonly Char[] = [
  ['伟', 'wei'], ['强', 'qiang'], ['磊', 'lei'], ['军', 'jun'], ['洋', 'yang'], ['勇', 'yong'], ['杰', 'jie'], ['涛', 'tao'],
  ['明', 'ming'], ['超', 'chao'], ['浩', 'hao'], ['宇', 'yu'], ['轩', 'xuan'], ['博', 'bo'], ['鹏', 'peng'], ['辉', 'hui'],
  ['俊', 'jun'], ['凯', 'kai'], ['晨', 'chen'], ['睿', 'rui'], ['哲', 'zhe'], ['航', 'hang'], ['然', 'ran'], ['泽', 'ze'],
  ['铭', 'ming'], ['昊', 'hao'], ['文', 'wen'], ['天', 'tian'], ['嘉', 'jia'], ['一', 'yi'], ['志', 'zhi'], ['子', 'zi'],
  ['思', 'si'], ['逸', 'yi'], ['阳', 'yang'], ['恒', 'heng'], ['毅', 'yi'], ['卓', 'zhuo']
]
export const GIVEN_FEMALE: readonly Char[] = [
  ['芳', 'fang'], ['敏', 'min'], ['静', 'jing'], ['丽', 'li'], ['娟', 'juan'], ['艳', 'yan'], ['婷', 'ting'], ['雪', 'xue'],
  ['琳', 'lin'], ['晶', 'jing'], ['欣', 'xin'], ['怡', 'yi'], ['佳', 'jia'], ['雨', 'yu'], ['萱', 'xuan'], ['涵', 'han'],
  ['悦', 'yue'], ['璐', 'lu'], ['彤', 'tong'], ['梦', 'meng'], ['颖', 'ying'], ['诗', 'shi'], ['琪', 'qi'], ['瑶', 'yao'],
  ['蕾', 'lei'], ['倩', 'qian'], ['可', 'ke'], ['馨', 'xin'], ['若', 'ruo'], ['婉', 'wan'], ['晓', 'xiao'], ['思', 'si'],
  ['一', 'yi'], ['子', 'zi'], ['文', 'wen'], ['嘉', 'jia']
]
/** Given names typical of the parents' generation (domestic contact). */
export const PARENT_GIVEN = ['建国', '国强', '建华', '志强', '卫东', '建军', '国平', '晓东', '红梅', '秀英', '桂兰', '丽华', '淑珍', '海燕', '玉梅', '永红']

export const ETHNICITIES: readonly (readonly [string, number])[] = [
  ['汉族', 900], ['回族', 15], ['满族', 15], ['蒙古族', 10], ['壮族', 10], ['朝鲜族', 8], ['土家族', 8], ['苗族', 6], ['藏族', 4], ['维吾尔族', 4], ['白族', 3]
]
export const POLITICAL_STATUSES: readonly (readonly [string, number])[] = [
  ['共青团员', 55], ['群众', 25], ['中共党员', 14], ['中共预备党员', 6]
]
export const EMAIL_DOMAINS = ['163.com', '126.com', 'qq.com', 'foxmail.com', 'gmail.com', 'outlook.com', 'sina.com']
export const MOBILE_PREFIXES = ['130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '155', '157', '158', '159', '166', '176', '177', '180', '181', '182', '185', '186', '187', '188', '189', '198', '199']

export const UNIVERSITIES = [
  '北京师范大学', '中国人民大学', '北京理工大学', '北京外国语大学', '对外经济贸易大学', '中央财经大学', '复旦大学', '同济大学',
  '上海财经大学', '华东师范大学', '南京大学', '浙江大学', '武汉大学', '华中科技大学', '中山大学', '四川大学', '电子科技大学',
  '西安交通大学', '山东大学', '厦门大学', '南开大学', '天津大学', '重庆大学', '湖南大学', '中南大学', '东北大学', '郑州大学',
  '合肥工业大学', '深圳大学', '暨南大学', '北京交通大学', '华南理工大学'
]

export type Country = 'UK' | 'AU' | 'CA' | 'SG' | 'US' | 'HK' | 'JP' | 'DE'

export interface Institution {
  zh: string
  en: string
  country: Country
  /** Language of the admission letter; anything but English needs a Chinese translation. */
  lang: 'en' | 'de' | 'ja'
  city: string
}

const i = (zh: string, en: string, country: Country, city: string, lang: Institution['lang'] = 'en'): Institution => ({ zh, en, country, lang, city })

export const INSTITUTIONS: readonly Institution[] = [
  i('伦敦大学学院', 'University College London', 'UK', 'London'),
  i('帝国理工学院', 'Imperial College London', 'UK', 'London'),
  i('伦敦政治经济学院', 'The London School of Economics and Political Science', 'UK', 'London'),
  i('伦敦国王学院', "King's College London", 'UK', 'London'),
  i('曼彻斯特大学', 'The University of Manchester', 'UK', 'Manchester'),
  i('爱丁堡大学', 'The University of Edinburgh', 'UK', 'Edinburgh'),
  i('华威大学', 'The University of Warwick', 'UK', 'Coventry'),
  i('墨尔本大学', 'The University of Melbourne', 'AU', 'Melbourne'),
  i('悉尼大学', 'The University of Sydney', 'AU', 'Sydney'),
  i('新南威尔士大学', 'UNSW Sydney', 'AU', 'Sydney'),
  i('莫纳什大学', 'Monash University', 'AU', 'Melbourne'),
  i('多伦多大学', 'University of Toronto', 'CA', 'Toronto'),
  i('英属哥伦比亚大学', 'The University of British Columbia', 'CA', 'Vancouver'),
  i('麦吉尔大学', 'McGill University', 'CA', 'Montreal'),
  i('新加坡国立大学', 'National University of Singapore', 'SG', 'Singapore'),
  i('南洋理工大学', 'Nanyang Technological University', 'SG', 'Singapore'),
  i('哥伦比亚大学', 'Columbia University', 'US', 'New York'),
  i('纽约大学', 'New York University', 'US', 'New York'),
  i('南加州大学', 'University of Southern California', 'US', 'Los Angeles'),
  i('约翰斯·霍普金斯大学', 'Johns Hopkins University', 'US', 'Baltimore'),
  i('香港大学', 'The University of Hong Kong', 'HK', 'Hong Kong'),
  i('香港中文大学', 'The Chinese University of Hong Kong', 'HK', 'Hong Kong'),
  i('香港科技大学', 'The Hong Kong University of Science and Technology', 'HK', 'Hong Kong'),
  i('东京大学', 'The University of Tokyo', 'JP', 'Tokyo', 'ja'),
  i('早稻田大学', 'Waseda University', 'JP', 'Tokyo', 'ja'),
  i('慕尼黑工业大学', 'Technische Universität München', 'DE', 'München', 'de'),
  i('亚琛工业大学', 'RWTH Aachen University', 'DE', 'Aachen', 'de')
]

/** Short country name used in certification numbers (教留服认英[2024]01234号). */
export const COUNTRY_SHORT: Record<Country, string> = { UK: '英', AU: '澳', CA: '加', SG: '新', US: '美', HK: '港', JP: '日', DE: '德' }

export const VISA_TYPES: Record<Country, string> = {
  UK: 'Student visa (Student route)',
  AU: 'Student visa (Subclass 500)',
  CA: 'Study Permit',
  SG: "Student's Pass (In-Principle Approval)",
  US: 'F-1 Student',
  HK: '逗留D 学生签注',
  JP: '留学 College Student',
  DE: 'Nationales Visum (D) – Studium'
}

/** Programme per degree: English name and Chinese name (for translations and letters). */
export const PROGRAMMES: Record<string, readonly (readonly [string, string])[]> = {
  硕士: [
    ['MSc Data Science', '数据科学理学硕士'], ['MSc Finance', '金融学理学硕士'], ['MA Education', '教育学文学硕士'],
    ['MSc Computer Science', '计算机科学理学硕士'], ['MSc Management', '管理学理学硕士'], ['MA Media and Communications', '媒体与传播文学硕士'],
    ['MEng Civil Engineering', '土木工程硕士'], ['MSc Statistics', '统计学理学硕士'], ['LLM Law', '法学硕士']
  ],
  学士: [
    ['BSc Economics', '经济学理学学士'], ['BA Psychology', '心理学文学学士'], ['BEng Electrical Engineering', '电气工程学士'],
    ['BSc Mathematics', '数学理学学士'], ['BCom Accounting', '会计学商学学士']
  ],
  博士: [
    ['PhD in Chemistry', '化学博士'], ['PhD in Materials Science', '材料科学博士'], ['PhD in Biomedical Engineering', '生物医学工程博士']
  ]
}

export const VISA_POSTS = ['BEIJING', 'SHANGHAI', 'GUANGZHOU', 'CHENGDU', 'SHENYANG', 'WUHAN']
export const TRANSLATION_AGENCIES = ['北京中译翻译有限公司', '上海外文翻译服务有限公司', '广州译联翻译有限公司']

/** Why an application is not accepted (DOMAIN.md flow 1: who is not eligible). */
export const NOT_ACCEPTED_REASONS = [
  '国家公派留学人员不属于我处存档受理范围',
  '已在国（境）外院校结束课程，不属于出国存档受理范围',
  '赴国（境）外做访问学者，不在我处受理范围',
  '档案保管在个人手中，我处不予受理，请先将档案转至人力资源公共服务机构',
  '出国前已有国内工作经历，不属于出国存档受理范围'
]

/** Employers holding unit archives (单位存档) with the office. */
export const EMPLOYERS = [
  '北京华信科技有限公司',
  '中国银行股份有限公司北京市分行',
  '北京字节跳动科技有限公司',
  '中国国际航空股份有限公司',
  '中信证券股份有限公司',
  '国家电网有限公司信息通信分公司',
  '北京协和医院',
  '中国科学院自动化研究所',
  '上海浦东发展银行股份有限公司',
  '华为技术有限公司北京研究所',
  '中国移动通信集团北京有限公司',
  '北京外国语大学'
]

/** Materials applicants bring to be filed into their archive (seed 002: 思想汇报, 入党志愿书 …). */
export const FILING_MATERIALS: readonly (readonly [string, number])[] = [
  ['思想汇报', 8],
  ['入党志愿书', 4],
  ['入党积极分子培养考察登记表', 3],
  ['入党申请书', 3],
  ['党员转正申请书', 2],
  ['年度考核登记表', 3],
  ['专业技术职务任职资格评审表', 2],
  ['学位证书复印件', 2],
  ['国外学历学位认证书复印件', 2],
  ['解除劳动合同证明书', 1],
  ['工资调整审批表', 1]
]

/** Why a material is not accepted for filing (鉴别不合格). */
export const FILING_PROBLEMS = ['材料未盖章', '非原件', '材料上的姓名或身份证号与本人不一致', '材料内容填写不完整', '字迹不清晰或有涂改']

/** Why a certificate request fails review (seed 003: 1.单位介绍信内容不合格 …). */
export const CERTIFICATE_PROBLEMS = ['单位介绍信内容不合格', '单位介绍信未加盖单位公章', '单位介绍信图片不清晰，请重新上传', '用途填写不清楚，请注明证明用途']

/** What certificates are asked for. */
export const CERTIFICATE_PURPOSES = ['办理积分落户', '入职新单位', '办理出国（境）手续', '报考公务员政审', '办理子女入学', '申请公共租赁住房', '职称评审']
