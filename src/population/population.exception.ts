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

  static operatorApiDisabled(): PopulationException {
    return new PopulationException(
      'POPULATION.OPERATOR_API_DISABLED',
      'API vận hành chưa được bật: đặt HUB_OPERATOR_TOKEN cho hệ thống.',
      503,
    );
  }

  static operatorUnauthorized(): PopulationException {
    return new PopulationException(
      'POPULATION.OPERATOR_UNAUTHORIZED',
      'Sai hoặc thiếu mã truy cập vận hành.',
      401,
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
