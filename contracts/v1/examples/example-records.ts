// Plain, valid v1 records as a source would send them: fresh objects on every call, so a test may
// break one without touching another. Names and numbers are invented.

type Plain = Record<string, unknown>;

function registerRef(registeredOn: string): Plain {
  return {
    authorityCode: 'UBND-X-00004',
    authorityName: 'Ủy ban nhân dân phường Ba Đình',
    book: '01/2025',
    entryNumber: '123',
    registeredOn,
  };
}

function source(sourceRecordId: string): Plain {
  return { sourceId: 'hn-legacy-soap', sourceRecordId, sourceVersion: '3' };
}

function commune(asOf: string): Plain {
  return { code: '00004', level: 'COMMUNE', name: 'Phường Ba Đình', asOf };
}

export function exampleBirth(): Plain {
  return {
    schemaVersion: '1',
    eventType: 'BIRTH',
    registerRef: registerRef('2025-09-15'),
    occurredOn: '2025-08-20',
    parties: [
      {
        role: 'CHILD',
        person: {
          fullName: 'Nguyễn Thị Minh Anh',
          familyName: 'Nguyễn',
          middleName: 'Thị Minh',
          givenName: 'Anh',
          sex: 'FEMALE',
          birthDate: '2025-08-20',
          birthDateInWords: 'Ngày hai mươi, tháng tám, năm hai nghìn không trăm hai mươi lăm',
          placeOfBirth: { facility: 'Bệnh viện Phụ sản Hà Nội', unit: commune('2025-08-20') },
          hometown: { address: 'Xã Đông Anh, Thành phố Hà Nội' },
          ethnicity: '01',
          nationality: 'VN',
        },
      },
      {
        role: 'MOTHER',
        person: {
          fullName: 'Trần Thị Lan',
          birthDate: '1995',
          ethnicity: '01',
          nationality: 'VN',
          personalIdNumber: '001195012345',
          identityDocuments: [{ type: 'CCCD', number: '001195012345', issuedOn: '2021-04-01' }],
          residence: { unit: commune('2025-09-15'), address: 'Số 5 phố Đội Cấn' },
        },
      },
      { role: 'FATHER', person: { fullName: 'Nguyễn Văn Hùng', birthDate: '1993-05', nationality: 'VN' } },
      { role: 'DECLARANT', person: { fullName: 'Trần Thị Lan' }, relationship: 'Mẹ' },
    ],
    source: source('KS-2025-000123'),
    signer: { name: 'Lê Văn Bình', position: 'Chủ tịch UBND phường' },
    officer: { name: 'Phạm Thu Hà' },
    birth: { birthNoticeNumber: 'GCS-4567', birthTime: '07:45', plurality: 1 },
    provenance: [
      {
        path: 'parties[0].person.birthDate',
        sourcePath: 'NGAYSINH',
        transform: 'date:dd/MM/yyyy',
        originalValue: '20/08/2025',
      },
    ],
  };
}

export function exampleDeath(): Plain {
  return {
    schemaVersion: '1',
    eventType: 'DEATH',
    registerRef: registerRef('2025-10-03'),
    occurredOn: '2025-09-30',
    parties: [
      {
        role: 'DECEASED',
        person: { fullName: 'Hoàng Văn Tư', sex: 'MALE', birthDate: '1940', ethnicity: '02' },
      },
      { role: 'DECLARANT', person: { fullName: 'Hoàng Thị Mai' }, relationship: 'Con' },
    ],
    source: source('KT-2025-000045'),
    death: {
      timeOfDeath: '22:10',
      placeOfDeath: { unit: commune('2025-09-30') },
      deathNotice: { number: 'BT-12', issuer: 'Bệnh viện Bạch Mai', issuedOn: '2025-10-01' },
    },
  };
}

export function exampleMarriage(): Plain {
  return {
    schemaVersion: '1',
    eventType: 'MARRIAGE',
    registerRef: registerRef('2025-11-08'),
    occurredOn: '2025-11-08',
    parties: [
      {
        role: 'WIFE',
        person: { fullName: 'Vũ Thị Hằng', sex: 'FEMALE', birthDate: '1998-02-14', nationality: 'VN' },
      },
      {
        role: 'HUSBAND',
        person: { fullName: 'Tanaka Hiroshi', sex: 'MALE', birthDate: '1996', nationality: 'JP' },
      },
    ],
    source: source('KH-2025-000777'),
    marriage: { establishedOn: '2025-11-08', foreignElement: true },
  };
}

export function exampleCivilStatusChange(): Plain {
  return {
    schemaVersion: '1',
    eventType: 'CIVIL_STATUS_CHANGE',
    registerRef: registerRef('2025-12-01'),
    parties: [{ role: 'SUBJECT', person: { fullName: 'Đặng Thị Thủy', birthDate: '2010-06-01' } }],
    source: source('TD-2025-000009'),
    civilStatusChange: {
      kind: 'CORRECTION',
      changes: [{ field: 'fullName', oldValue: 'Đặng Thị Thuỷ', newValue: 'Đặng Thị Thủy' }],
      reason: 'Sai sót khi đăng ký',
      affectedRegisterRef: { eventType: 'BIRTH', book: '02', entryNumber: '45', registeredOn: '2010' },
    },
  };
}

export function exampleDivorceDecision(): Plain {
  return {
    schemaVersion: '1',
    eventType: 'DIVORCE',
    registerRef: registerRef('2025-07-20'),
    occurredOn: '2025-06-30',
    parties: [
      { role: 'WIFE', person: { fullName: 'Bùi Thị Hoa' } },
      { role: 'HUSBAND', person: { fullName: 'Đỗ Văn Nam' } },
    ],
    source: source('GVS-2025-000011'),
    decision: {
      issuerKind: 'COURT_JUDGMENT',
      issuerName: 'Tòa án nhân dân khu vực 1 - Hà Nội',
      decisionNumber: '123/2025/QĐST-HNGĐ',
      decidedOn: '2025-06-30',
      effectiveOn: '2025-07-08',
      affectedRegisterRef: {
        eventType: 'MARRIAGE',
        authorityCode: 'UBND-X-00004',
        book: '01',
        entryNumber: '7',
        registeredOn: '2015-03',
      },
    },
  };
}

export function exampleForeignRecording(): Plain {
  return {
    schemaVersion: '1',
    eventType: 'FOREIGN_RECORDING',
    registerRef: registerRef('2025-08-11'),
    occurredOn: '2024-12-24',
    parties: [
      {
        role: 'SUBJECT',
        person: {
          fullName: 'Lý Minh Khang',
          sex: 'MALE',
          birthDate: '2024-12-24',
          nationalities: ['VN', 'JP'],
          nationality: 'VN',
        },
      },
    ],
    source: source('GC-2025-000003'),
    foreignRecording: {
      foreignEventKind: 'BIRTH',
      foreignAuthority: 'Tokyo Shinjuku City Office',
      country: 'JP',
      documentNumber: 'JP-778899',
      documentDate: '2025-01-06',
    },
  };
}

export function exampleMaritalStatusCertificate(): Plain {
  return {
    schemaVersion: '1',
    eventType: 'MARITAL_STATUS_CERTIFICATE',
    registerRef: registerRef('2025-10-20'),
    parties: [
      {
        role: 'SUBJECT',
        person: {
          fullName: 'Ngô Thị Yến',
          birthDate: '1990-01-09',
          residence: { unit: commune('2025-10-20') },
        },
      },
    ],
    source: source('XNHN-2025-000100'),
    maritalStatusCertificate: {
      maritalStatus: 'NEVER_MARRIED',
      purpose: 'Để làm thủ tục kết hôn',
      validUntil: '2026-04-20',
    },
  };
}
