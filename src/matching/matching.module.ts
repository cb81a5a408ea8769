import { Module } from '@nestjs/common';
import { ChangeNoticesModule } from '../changes/change-notices.module.js';
import { loadMatchingConfig } from './scoring/matching-config.js';
import { MATCHING_CONFIG, MatchingService } from './matching.service.js';
import { MatchReviewService } from './review/match-review.service.js';

/**
 * Matching (issue 4). The configuration is read and validated at start-up (MATCHING_CONFIG_FILE or
 * config/matching/matching.json): a broken file stops the hub with the file and field named.
 */
@Module({
  imports: [ChangeNoticesModule],
  providers: [
    {
      provide: MATCHING_CONFIG,
      useFactory: () => loadMatchingConfig(process.env.MATCHING_CONFIG_FILE?.trim() || undefined),
    },
    MatchingService,
    MatchReviewService,
  ],
  exports: [MatchingService, MatchReviewService],
})
export class MatchingModule {}
