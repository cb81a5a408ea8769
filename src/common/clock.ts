import { Injectable } from '@nestjs/common';

/** The current time, behind an interface so tests can fix "today" (dates in the future are refused). */
export abstract class Clock {
  abstract now(): Date;

  /** Today's date in Vietnam (UTC+7, no daylight saving) as YYYY-MM-DD: the legal calendar day. */
  today(): string {
    return new Date(this.now().getTime() + 7 * 3600_000).toISOString().slice(0, 10);
  }
}

@Injectable()
export class SystemClock extends Clock {
  now(): Date {
    return new Date();
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
