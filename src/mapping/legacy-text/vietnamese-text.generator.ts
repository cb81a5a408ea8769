/**
 * Seeded generator of realistic Vietnamese civil-status text for the specs of this folder and for
 * benchmarks that write legacy fixtures. Same seed, same text.
 */
// prettier-ignore
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý', 'Trịnh', 'Đoàn'];
// prettier-ignore
const MIDDLE = ['Thị', 'Văn', 'Ngọc', 'Quốc', 'Hữu', 'Minh', 'Thanh', 'Đức', 'Xuân', 'Thuỳ', 'Thúy', 'Kim', 'Bảo', 'Gia'];
// prettier-ignore
const GIVEN = ['Nhung', 'Đức', 'Dương', 'Ánh', 'Khánh', 'Hồng', 'Lan', 'Hương', 'Tuấn', 'Dũng', 'Phương', 'Thảo', 'Hải', 'Quỳnh', 'Trường', 'Nghĩa', 'Huệ', 'Lộc', 'Thắng', 'Yến', 'Khuê', 'Việt', 'Oanh', 'Ngát', 'Hoà', 'Thủy', 'Giang', 'Ước'];
// prettier-ignore
const PLACES = ['Ủy ban nhân dân xã Yên Thế', 'Thành phố Hồ Chí Minh', 'Đắk Lắk', 'Phường Ba Đình', 'Huyện Củ Chi', 'Tỉnh Nghệ An', 'Quận Hoàn Kiếm', 'Thị xã Sơn Tây', 'Xã Quỳnh Lưu', 'Tỉnh Bà Rịa - Vũng Tàu', 'Thừa Thiên Huế', 'Bắc Kạn', 'Đà Nẵng', 'Cần Thơ', 'Khánh Hoà', 'Quảng Ngãi'];
// prettier-ignore
const PHRASES = ['Giấy khai sinh', 'Đăng ký kết hôn', 'Trích lục khai tử', 'nơi cư trú', 'quốc tịch Việt Nam', 'dân tộc Kinh', 'họ và tên cha', 'họ và tên mẹ', 'người đi khai', 'quan hệ với người được khai sinh', 'ngày tháng năm sinh', 'số định danh cá nhân', 'Sổ đăng ký khai sinh', 'cán bộ tư pháp hộ tịch', 'chứng thực bản sao', 'nguyên quán', 'giới tính Nữ', 'giới tính Nam'];

export class VietnameseTextGenerator {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** mulberry32: small, fast, good enough for test data. */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  fullName(): string {
    const parts = [this.pick(FAMILY), this.pick(MIDDLE), this.pick(GIVEN)];
    if (this.next() < 0.3) parts.splice(2, 0, this.pick(MIDDLE));
    return parts.join(' ');
  }

  place(): string {
    return this.pick(PLACES);
  }

  date(): string {
    const d = 1 + Math.floor(this.next() * 28);
    const m = 1 + Math.floor(this.next() * 12);
    const y = 1930 + Math.floor(this.next() * 95);
    return `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`;
  }

  /** One register line: a phrase, a name, a date, a place, with the digits and punctuation of real rows. */
  line(): string {
    return `${this.pick(PHRASES)}: ${this.fullName()}, sinh ngày ${this.date()} tại ${this.place()}; số ${Math.floor(this.next() * 1e6)}.`;
  }

  lines(count: number): string[] {
    return Array.from({ length: count }, () => this.line());
  }

  /** CSV rows "ho_ten,ngay_sinh,noi_sinh", quoted where a value holds a comma. */
  csvRows(count: number): string[] {
    return Array.from(
      { length: count },
      () => `${this.fullName()},${this.date()},"${this.place()}, Việt Nam"`,
    );
  }
}
