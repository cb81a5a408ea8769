import { HubException } from '../common/errors/hub.exception.js';

/** Errors of the population-database link; codes survive queues and processes (CONVENTIONS.md). */
export class PopulationException extends HubException {
  static eventNotFound(eventId: string): PopulationException {
    return new PopulationException(
      'POPULATION.EVENT_NOT_FOUND',
      `Không tìm thấy sự kiện hộ tịch ${eventId} của hệ thống nguồn này, hoặc sự kiện chưa có thông điệp gửi Cơ sở dữ liệu quốc gia về dân cư.`,
      404,
    );
  }

  static notDead(messageId: string): PopulationException {
    return new PopulationException(
      'POPULATION.NOT_DEAD_LETTER',
      `Thông điệp ${messageId} không ở trạng thái lỗi cuối cùng (DEAD) nên không gửi lại được.`,
      409,
    );
  }

  /**
   * An official asked about an event that does not exist or lies outside their jurisdiction: the same
   * answer for both (the existence is not leaked), worded and coded as the register's own reads
   * (src/records: RECORD.NOT_FOUND).
   */
  static recordNotFound(eventId: string): PopulationException {
    return new PopulationException('RECORD.NOT_FOUND', `Không tìm thấy sự kiện hộ tịch ${eventId}.`, 404, {
      id: eventId,
    });
  }

  /** An event of the official's jurisdiction that has never been sent to the population database. */
  static noMessage(eventId: string): PopulationException {
    return new PopulationException(
      'POPULATION.NO_MESSAGE',
      `Sự kiện hộ tịch ${eventId} chưa có thông điệp gửi Cơ sở dữ liệu quốc gia về dân cư.`,
      404,
    );
  }

  static badTimeout(): PopulationException {
    return new PopulationException(
      'POPULATION.BAD_TIMEOUT',
      'Tham số timeoutMs phải là số nguyên từ 0 đến 60000 (mili giây).',
      400,
    );
  }
}
