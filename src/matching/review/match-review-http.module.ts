import { Module } from '@nestjs/common';
import { IntakeModule } from '../../intake/intake.module.js';
import { MatchingModule } from '../matching.module.js';
import { MatchReviewController } from './match-review.controller.js';
import { ReviewDecisionService } from './review-decision.service.js';

/**
 * The review queue's HTTP side. Apart from MatchingModule because a "different" decision is carried
 * out through intake, and intake itself depends on matching.
 */
@Module({
  imports: [MatchingModule, IntakeModule],
  controllers: [MatchReviewController],
  providers: [ReviewDecisionService],
})
export class MatchReviewHttpModule {}
