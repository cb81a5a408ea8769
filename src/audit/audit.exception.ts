import { HubException } from '../common/errors/hub.exception.js';

export class AuditException extends HubException {}
