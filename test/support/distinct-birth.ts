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
const MOTHER_MIDDLE = ['Thanh', 'Ngọc', 'Kim', 'Thu', 'Hồng', 'Mỹ'];
const MOTHER_GIVEN = ['Lan', 'Hương', 'Thu', 'Nga', 'Loan', 'Thủy', 'Oanh', 'Hằng', 'Liên', 'Diệu', 'Gấm'];

// Fathers differ too (and the child takes the father's family name): with one father for all, a few
// hundred copies look like siblings born days apart, which matching rightly questions.
const FATHER_FAMILY = ['Nguyễn', 'Phan', 'Hồ', 'Trịnh', 'Đinh', 'Mai', 'Tạ', 'Lương', 'Cao', 'Hà', 'Kiều'];
const FATHER_GIVEN = [
  'Hùng',
  'Cường',
  'Thắng',
  'Kiên',
  'Quang',
  'Toàn',
  'Lực',
  'Vinh',
  'Khoa',
  'Tiến',
  'Hậu',
  'Bách',
  'Đức',
];

export function distinctBirth(record: Plain, n: number): Plain {
  const child = record.parties[0].person;
  const given = GIVEN[n % GIVEN.length];
  const middle = MIDDLE[Math.floor(n / GIVEN.length) % MIDDLE.length];
  const family = FATHER_FAMILY[n % FATHER_FAMILY.length];
  // A birth date of its own for each n (440 days from 2025-07-01, after the 2025 merger, before the
  // tests' clock), registered on time five days later.
  const day = (offset: number): string =>
    new Date(Date.UTC(2025, 6, 1 + (n % 440) + offset)).toISOString().slice(0, 10);
  const born = day(0);
  record.registerRef.registeredOn = day(5);
  Object.assign(child, {
    fullName: `${family} ${middle} ${given}`,
    familyName: family,
    middleName: middle,
    givenName: given,
    birthDate: born,
  });
  delete child.birthDateInWords;
  child.placeOfBirth.unit.asOf = born;
  record.occurredOn = born;
  const father = record.parties.find((p: Plain) => p.role === 'FATHER');
  if (father) father.person.fullName = `${family} Văn ${FATHER_GIVEN[n % FATHER_GIVEN.length]}`;
  delete record.provenance;
  const mother = record.parties.find((p: Plain) => p.role === 'MOTHER').person;
  // A different mother for each n below 594: siblings of one mother born apart are not what these
  // tests are about.
  const motherName = `${MOTHER_FAMILY[n % MOTHER_FAMILY.length]} Thị ${MOTHER_MIDDLE[Math.floor(n / 99) % MOTHER_MIDDLE.length]} ${MOTHER_GIVEN[Math.floor(n / MOTHER_FAMILY.length) % MOTHER_GIVEN.length]}`;
  const pin = `00119501${String(1000 + n).padStart(4, '0')}`;
  Object.assign(mother, { fullName: motherName, personalIdNumber: pin });
  mother.identityDocuments = [{ ...mother.identityDocuments[0], number: pin }];
  const declarant = record.parties.find((p: Plain) => p.role === 'DECLARANT');
  if (declarant) declarant.person.fullName = motherName;
  return record;
}
