import { HubException } from '../common/errors/hub.exception.js';

export class IntakeException extends HubException {}

export const MAX_BATCH_RECORDS = 1000;

export const IntakeErrors = {
  notABatch: () =>
    new IntakeException(
      'INTAKE.NOT_A_BATCH',
      'Nội dung phải là một đối tượng JSON dạng {"records": [ ... ]} chứa từ 1 đến 1.000 hồ sơ.',
      400,
    ),
  unknownBatchField: (field: string) =>
    new IntakeException(
      'INTAKE.UNKNOWN_FIELD',
      `Trường "${field}" không thuộc lô hồ sơ; chỉ có trường "records".`,
      400,
      {
        field,
      },
    ),
  batchSize: (count: number) =>
    new IntakeException(
      'INTAKE.BATCH_SIZE',
      `Một lô phải có từ 1 đến ${MAX_BATCH_RECORDS.toLocaleString('vi-VN')} hồ sơ; lô này có ${count.toLocaleString('vi-VN')}. Hãy chia nhỏ lô.`,
      count === 0 ? 400 : 413,
      { count, max: MAX_BATCH_RECORDS },
    ),
  itemNotFound: (id: string) =>
    new IntakeException('INTAKE.ITEM_NOT_FOUND', `Không tìm thấy hồ sơ tiếp nhận ${id}.`, 404),
  badQuery: (what: string) => new IntakeException('INTAKE.BAD_QUERY', what, 400),
};
