import { Injectable } from '@nestjs/common';

/** Vietnam keeps UTC+7 all year. */
const VIETNAM_OFFSET_MS = 7 * 3600_000;

/** The calendar day in Vietnam at an instant (ms since the epoch), as YYYY-MM-DD. */
function vietnamDateAt(ms: number): string {
  return new Date(ms + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** The current time, behind an interface so tests can fix "today" (dates in the future are refused). */
export abstract class Clock {
  abstract now(): Date;

  /** Today's date in Vietnam (UTC+7, no daylight saving) as YYYY-MM-DD: the legal calendar day. */
  today(): string {
    return vietnamDateAt(this.now().getTime());
  }
}

@Injectable()
export class SystemClock extends Clock {
  /** Today's date and the instants it runs [from, to): asked for several times per record. */
  private day = { from: 0, to: 0, date: '' };

  now(): Date {
    return new Date();
  }

  override today(): string {
    const ms = Date.now();
    if (ms < this.day.from || ms >= this.day.to) {
      const date = vietnamDateAt(ms);
      const from = Date.parse(`${date}T00:00:00Z`) - VIETNAM_OFFSET_MS;
      this.day = { from, to: from + 86_400_000, date };
    }
    return this.day.date;
  }
}

export class FixedClock extends Clock {
  constructor(private readonly at: Date) {
    super();
  }
  now(): Date {
    return this.at;
  }
}
