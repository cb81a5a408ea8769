import type { Weighted } from './weighted-table.util.js';

// Names of some ethnic minorities, with their code in contracts/v1 ETHNICITIES. Sources are
// published lists of common clan names (họ) and typical given names; this is test data, so the
// aim is realistic shapes rather than frequencies: Hmông 'A' for men ('Giàng A Páo'), Thái clan
// names ('Lò Văn Pản', 'Hà Thị Ánh'), Ê-đê names written given name first with the 'Y' / "H'"
// prefix and the clan name last ('Y Moan Êban', "H'Ben Niê"). All text NFC.

export type MinorityCulture =
  'TAY' | 'THAI' | 'MUONG' | 'HMONG' | 'NUNG' | 'DAO' | 'EDE' | 'JRAI' | 'KHMER' | 'HOA';

export interface MinorityNaming {
  readonly ethnicity: string;
  /** GIVEN_FIRST: the clan name is written last (Ê-đê). */
  readonly order: 'FAMILY_FIRST' | 'GIVEN_FIRST';
  readonly familyNames: readonly Weighted<string>[];
  /** '' = no middle name. */
  readonly middleNames: {
    readonly MALE: readonly Weighted<string>[];
    readonly FEMALE: readonly Weighted<string>[];
  };
  readonly givenNames: { readonly MALE: readonly string[]; readonly FEMALE: readonly string[] };
  /** Written before the given name: 'Y ' for Ê-đê men, "H'" for Ê-đê and Jrai women. */
  readonly givenPrefix?: { readonly MALE: string; readonly FEMALE: string };
}

const VAN_THI = {
  MALE: [['Văn', 90] as const, ['Đức', 5] as const, ['Minh', 5] as const],
  FEMALE: [['Thị', 90] as const, ['Ngọc', 10] as const],
};

export const MINORITY_NAMING: Readonly<Record<MinorityCulture, MinorityNaming>> = {
  TAY: {
    ethnicity: '02',
    order: 'FAMILY_FIRST',
    familyNames: [
      ['Hoàng', 20],
      ['Nông', 20],
      ['Lương', 10],
      ['Ma', 8],
      ['Triệu', 6],
      ['Bế', 8],
      ['Lục', 6],
      ['Đàm', 6],
      ['La', 5],
      ['Hà', 5],
      ['Lăng', 3],
      ['Mông', 3],
    ],
    middleNames: VAN_THI,
    givenNames: {
      MALE: ['Chiến', 'Hưng', 'Quý', 'Sơn', 'Thành', 'Lâm', 'Tiến', 'Khánh', 'Vĩnh', 'Phúc', 'Hùng', 'Dũng'],
      FEMALE: ['Hoa', 'Lan', 'Nhàn', 'Thơm', 'Mai', 'Hằng', 'Huyền', 'Ánh', 'Thảo', 'Ngân', 'Dịu', 'Luyến'],
    },
  },
  NUNG: {
    ethnicity: '07',
    order: 'FAMILY_FIRST',
    familyNames: [
      ['Nông', 25],
      ['Hoàng', 20],
      ['Lương', 10],
      ['Vi', 10],
      ['Lăng', 8],
      ['Triệu', 8],
      ['Chu', 6],
      ['Mã', 6],
      ['Sầm', 4],
    ],
    middleNames: VAN_THI,
    givenNames: {
      MALE: ['Cường', 'Páo', 'Sáng', 'Phúc', 'Lợi', 'Chắn', 'Quân', 'Thắng', 'Hải', 'Vần'],
      FEMALE: ['Mùi', 'Slao', 'Hoa', 'Ngần', 'Lìu', 'Thu', 'Mai', 'Nhung', 'Hương', 'Dần'],
    },
  },
  THAI: {
    ethnicity: '03',
    order: 'FAMILY_FIRST',
    familyNames: [
      ['Lò', 20],
      ['Cầm', 12],
      ['Lường', 12],
      ['Quàng', 10],
      ['Tòng', 8],
      ['Hà', 12],
      ['Vi', 8],
      ['Điêu', 6],
      ['Mè', 4],
      ['Lê', 5],
    ],
    middleNames: {
      MALE: [
        ['Văn', 95],
        ['', 5],
      ],
      FEMALE: [
        ['Thị', 95],
        ['', 5],
      ],
    },
    givenNames: {
      MALE: ['Pản', 'Xuân', 'Biên', 'Khăm', 'Panh', 'Xiêng', 'Ún', 'Minh', 'Chương', 'Thanh', 'Dũng', 'Hặc'],
      FEMALE: ['Ánh', 'Ún', 'Ly', 'Xuân', 'Panh', 'Biên', 'Hoa', 'Ngọc', 'Thoa', 'Khăm', 'Lả', 'Bình'],
    },
  },
  MUONG: {
    ethnicity: '06',
    order: 'FAMILY_FIRST',
    familyNames: [
      ['Bùi', 35],
      ['Đinh', 25],
      ['Quách', 15],
      ['Hà', 10],
      ['Xa', 5],
      ['Cao', 5],
      ['Trương', 5],
    ],
    middleNames: VAN_THI,
    givenNames: {
      MALE: ['Thiêng', 'Khương', 'Lượng', 'Hợi', 'Tuấn', 'Sơn', 'Thắng', 'Mạnh', 'Dũng', 'Hùng'],
      FEMALE: ['Loan', 'Thơm', 'Nhung', 'Hằng', 'Tươi', 'Mai', 'Lan', 'Huệ', 'Thủy', 'Hiền'],
    },
  },
  HMONG: {
    ethnicity: '08',
    order: 'FAMILY_FIRST',
    familyNames: [
      ['Giàng', 20],
      ['Sùng', 15],
      ['Vàng', 15],
      ['Thào', 12],
      ['Lý', 8],
      ['Mùa', 8],
      ['Hầu', 6],
      ['Lầu', 6],
      ['Vừ', 5],
      ['Ly', 5],
    ],
    middleNames: {
      MALE: [
        ['A', 70],
        ['Seo', 15],
        ['Văn', 15],
      ],
      FEMALE: [
        ['Thị', 80],
        ['', 20],
      ],
    },
    givenNames: {
      MALE: [
        'Páo',
        'Sử',
        'Chứ',
        'Dình',
        'Pó',
        'Sính',
        'Tủa',
        'Nhà',
        'Lử',
        'Dế',
        'Sáng',
        'Chá',
        'Của',
        'Vảng',
      ],
      FEMALE: ['Mỷ', 'Dợ', 'Chở', 'Sua', 'Pằng', 'Súa', 'Máy', 'Dở', 'Mỉ', 'Xó', 'Say', 'Chu'],
    },
  },
  DAO: {
    ethnicity: '09',
    order: 'FAMILY_FIRST',
    familyNames: [
      ['Triệu', 30],
      ['Bàn', 25],
      ['Đặng', 20],
      ['Lý', 15],
      ['Phùng', 5],
      ['Chảo', 5],
    ],
    middleNames: {
      MALE: [
        ['Văn', 50],
        ['Tài', 25],
        ['Quý', 10],
        ['Láo', 15],
      ],
      FEMALE: [
        ['Thị', 75],
        ['Mùi', 15],
        ['Mụi', 10],
      ],
    },
    givenNames: {
      MALE: ['Quẩy', 'Vinh', 'Chòi', 'Phin', 'Lở', 'Sành', 'Kiềm', 'Vàng', 'Phú', 'Tiến'],
      FEMALE: ['Mẩy', 'Dủn', 'Sinh', 'Xuân', 'Nái', 'Phấy', 'Kiều', 'Chạn', 'Liều', 'Hoa'],
    },
  },
  EDE: {
    ethnicity: '12',
    order: 'GIVEN_FIRST',
    familyNames: [
      ['Niê', 25],
      ['Mlô', 15],
      ['Êban', 15],
      ['Byă', 10],
      ['Ksơr', 10],
      ['Adrơng', 10],
      ['Hđơk', 8],
      ['Êya', 7],
    ],
    middleNames: { MALE: [['', 1]], FEMALE: [['', 1]] },
    givenNames: {
      MALE: ['Moan', 'Ngông', 'Blô', 'Jut', 'Thuột', 'Bih', 'Khuê', 'Sơn', 'Dhăm', 'Wơn'],
      FEMALE: ['Ben', 'Hen', 'Linh', 'Nga', 'Yơn', 'Duyên', 'Mai', 'Hoan', 'Zuê', 'Nhi'],
    },
    givenPrefix: { MALE: 'Y ', FEMALE: "H'" },
  },
  JRAI: {
    ethnicity: '10',
    order: 'FAMILY_FIRST',
    familyNames: [
      ['Rơ Châm', 20],
      ['Rơ Mah', 15],
      ['Ksor', 20],
      ['Siu', 15],
      ['Puih', 10],
      ['Kpă', 8],
      ['Nay', 7],
      ['Rơ Lan', 5],
    ],
    middleNames: { MALE: [['', 1]], FEMALE: [['', 1]] },
    givenNames: {
      MALE: ['Blui', 'Ưng', 'Kơn', 'Hlin', 'Thun', 'Nhoan', 'Jơn', 'Krin', 'Phi', 'Tih'],
      FEMALE: ['Bla', 'Nga', 'Hen', 'Lan', 'Yơn', 'Đinh', 'Bia', 'Mai', 'Nhi', 'Pui'],
    },
    givenPrefix: { MALE: '', FEMALE: "H'" },
  },
  KHMER: {
    ethnicity: '05',
    order: 'FAMILY_FIRST',
    familyNames: [
      ['Thạch', 30],
      ['Sơn', 20],
      ['Danh', 15],
      ['Kim', 10],
      ['Lâm', 8],
      ['Châu', 6],
      ['Chau', 5],
      ['Lý', 6],
    ],
    middleNames: {
      MALE: [
        ['', 70],
        ['Văn', 15],
        ['Minh', 15],
      ],
      FEMALE: [
        ['Thị', 70],
        ['', 30],
      ],
    },
    givenNames: {
      MALE: ['Sô Phal', 'Sóc', 'Ny', 'Tha', 'Sam', 'Bôl', 'Khươl', 'Chanh', 'Phon', 'Sa Rích'],
      FEMALE: ['Sa Rết', 'Sa Ly', 'Sô Phia', 'Ni', 'Srây', 'Kim Ly', 'Ra Ni', 'Chanh Thi', 'Sa Vy', 'Thi Da'],
    },
  },
  HOA: {
    ethnicity: '04',
    order: 'FAMILY_FIRST',
    familyNames: [
      ['Lý', 12],
      ['Trương', 12],
      ['Quách', 10],
      ['Mã', 8],
      ['Lâm', 12],
      ['Tăng', 8],
      ['Hứa', 8],
      ['Lưu', 8],
      ['Diệp', 6],
      ['Thái', 6],
      ['Tạ', 5],
      ['Quan', 5],
    ],
    middleNames: {
      MALE: [
        ['Văn', 30],
        ['Gia', 20],
        ['Quốc', 15],
        ['Chí', 15],
        ['Vĩnh', 10],
        ['Kiến', 10],
      ],
      FEMALE: [
        ['Thị', 40],
        ['Mỹ', 20],
        ['Tuệ', 15],
        ['Ngọc', 15],
        ['Lệ', 10],
      ],
    },
    givenNames: {
      MALE: ['Cường', 'Hào', 'Kiệt', 'Phát', 'Vinh', 'Minh', 'Tài', 'Lộc', 'Hùng', 'Khải'],
      FEMALE: ['Mẫn', 'Linh', 'Phụng', 'Hoa', 'Lan', 'Mai', 'Ngọc', 'Trân', 'Tuyết', 'Nghi'],
    },
  },
};

type Region =
  'NORTH_MOUNTAINS' | 'NORTH_CENTRAL_HILLS' | 'CENTRAL_HIGHLANDS' | 'MEKONG_KHMER' | 'SAIGON' | 'ELSEWHERE';

/**
 * Share of minority people among those registered, and which groups, by the province code of the
 * registering unit (pre-2025 and 2025 codes alike; after the merger a code covers a wider area, so
 * this is rough). Nationally about 15% of people belong to a minority, far more in the north-west.
 */
export const MINORITY_REGIONS: Readonly<
  Record<Region, { share: number; cultures: readonly Weighted<MinorityCulture>[] }>
> = {
  NORTH_MOUNTAINS: {
    share: 0.5,
    cultures: [
      ['TAY', 28],
      ['THAI', 25],
      ['HMONG', 20],
      ['NUNG', 12],
      ['DAO', 8],
      ['MUONG', 7],
    ],
  },
  NORTH_CENTRAL_HILLS: {
    share: 0.12,
    cultures: [
      ['MUONG', 50],
      ['THAI', 40],
      ['HMONG', 10],
    ],
  },
  CENTRAL_HIGHLANDS: {
    share: 0.3,
    cultures: [
      ['JRAI', 35],
      ['EDE', 35],
      ['TAY', 10],
      ['NUNG', 10],
      ['MUONG', 10],
    ],
  },
  MEKONG_KHMER: {
    share: 0.15,
    cultures: [
      ['KHMER', 90],
      ['HOA', 10],
    ],
  },
  SAIGON: {
    share: 0.05,
    cultures: [
      ['HOA', 80],
      ['KHMER', 10],
      ['TAY', 10],
    ],
  },
  ELSEWHERE: {
    share: 0.015,
    cultures: [
      ['HOA', 30],
      ['MUONG', 25],
      ['TAY', 25],
      ['KHMER', 20],
    ],
  },
};

const REGION_BY_PROVINCE: Readonly<Record<string, Region>> = {
  '02': 'NORTH_MOUNTAINS', // Hà Giang
  '04': 'NORTH_MOUNTAINS', // Cao Bằng
  '06': 'NORTH_MOUNTAINS', // Bắc Kạn
  '08': 'NORTH_MOUNTAINS', // Tuyên Quang
  '10': 'NORTH_MOUNTAINS', // Lào Cai
  '11': 'NORTH_MOUNTAINS', // Điện Biên
  '12': 'NORTH_MOUNTAINS', // Lai Châu
  '14': 'NORTH_MOUNTAINS', // Sơn La
  '15': 'NORTH_MOUNTAINS', // Yên Bái
  '17': 'NORTH_MOUNTAINS', // Hòa Bình
  '19': 'NORTH_CENTRAL_HILLS', // Thái Nguyên
  '20': 'NORTH_MOUNTAINS', // Lạng Sơn
  '25': 'NORTH_CENTRAL_HILLS', // Phú Thọ
  '38': 'NORTH_CENTRAL_HILLS', // Thanh Hóa
  '40': 'NORTH_CENTRAL_HILLS', // Nghệ An
  '62': 'CENTRAL_HIGHLANDS', // Kon Tum
  '64': 'CENTRAL_HIGHLANDS', // Gia Lai
  '66': 'CENTRAL_HIGHLANDS', // Đắk Lắk
  '67': 'CENTRAL_HIGHLANDS', // Đắk Nông
  '68': 'CENTRAL_HIGHLANDS', // Lâm Đồng
  '79': 'SAIGON',
  '84': 'MEKONG_KHMER', // Trà Vinh
  '91': 'MEKONG_KHMER', // Kiên Giang
  '94': 'MEKONG_KHMER', // Sóc Trăng
  '95': 'MEKONG_KHMER', // Bạc Liêu
};

export function regionOf(provinceCode: string): Region {
  return REGION_BY_PROVINCE[provinceCode] ?? 'ELSEWHERE';
}

export function minorityRegionOf(provinceCode: string): (typeof MINORITY_REGIONS)[Region] {
  return MINORITY_REGIONS[regionOf(provinceCode)];
}
