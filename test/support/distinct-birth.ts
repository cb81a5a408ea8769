/**
 * Makes the n-th copy of contracts/v1/examples' birth a different child of a different mother: since
 * matching is wired into intake (issue 4), copies of one example that differ only by register entry
 * are what they are, the same child registered again, and refused. Tests of intake mechanics that
 * need many distinct births call this; tests about duplicates keep the copies alike on purpose.
 */
type Plain = Record<string, any>;

const GIVEN = [
  'An',
  'Bình',
  'Chi',
  'Dũng',
  'Giang',
  'Hà',
  'Hải',
  'Hạnh',
  'Hiếu',
  'Hoa',
  'Huy',
  'Khánh',
  'Lâm',
  'Linh',
  'Long',
  'Mai',
  'Nam',
  'Ngọc',
  'Nhung',
  'Phong',
  'Phúc',
  'Quân',
  'Quỳnh',
  'Sơn',
  'Tâm',
  'Thảo',
  'Trang',
  'Trung',
  'Tú',
  'Tuấn',
  'Uyên',
  'Vân',
  'Việt',
  'Xuân',
  'Yến',
  'Đạt',
];
const MIDDLE = ['Minh', 'Gia', 'Bảo', 'Khải'];
const MOTHER_FAMILY = ['Trần', 'Lê', 'Phạm', 'Đặng', 'Bùi', 'Đỗ', 'Ngô', 'Dương', 'Lý'];
const MOTHER_GIVEN = ['Lan', 'Hương', 'Thu', 'Nga', 'Loan', 'Thủy', 'Oanh', 'Hằng', 'Liên', 'Diệu', 'Gấm'];

export function distinctBirth(record: Plain, n: number): Plain {
  const child = record.parties[0].person;
  const given = GIVEN[n % GIVEN.length];
  const middle = MIDDLE[Math.floor(n / GIVEN.length) % MIDDLE.length];
  const day = String(1 + ((n * 11) % 28)).padStart(2, '0');
  Object.assign(child, {
    fullName: `Nguyễn ${middle} ${given}`,
    middleName: middle,
    givenName: given,
    birthDate: `2025-08-${day}`,
  });
  delete child.birthDateInWords;
  child.placeOfBirth.unit.asOf = `2025-08-${day}`;
  record.occurredOn = `2025-08-${day}`;
  delete record.provenance;
  const mother = record.parties.find((p: Plain) => p.role === 'MOTHER').person;
  const motherName = `${MOTHER_FAMILY[n % MOTHER_FAMILY.length]} Thị ${MOTHER_GIVEN[n % MOTHER_GIVEN.length]}`;
  const pin = `00119501${String(1000 + n).padStart(4, '0')}`;
  Object.assign(mother, { fullName: motherName, personalIdNumber: pin });
  mother.identityDocuments = [{ ...mother.identityDocuments[0], number: pin }];
  const declarant = record.parties.find((p: Plain) => p.role === 'DECLARANT');
  if (declarant) declarant.person.fullName = motherName;
  return record;
}
