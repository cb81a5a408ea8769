import { loadMatchingConfig } from '../src/matching/scoring/matching-config.js';
import { MatchingService } from '../src/matching/matching.service.js';
import { loadGeneratorReferenceData } from '../test/generators/index.js';
import { generateLabelledSet } from '../test/generators/matching/labelled-set.generator.js';
import { evaluateMatching } from '../test/generators/matching/matching-evaluation.js';

/**
 * `npm run bench -- matching-eval`: the evaluation harness of issue 4 alone (no database): a seeded
 * labelled set (default 20,000 records, ~20% duplicates, twins and namesakes), matched in batch mode;
 * prints pairwise precision, recall, F1, twins wrongly merged and the share sent to review.
 * EVAL_RECORDS, EVAL_SEED and MATCHING_CONFIG_FILE change the set and the weights.
 */
export async function run(): Promise<void> {
  const records = Number(process.env.EVAL_RECORDS ?? 20_000);
  const seed = process.env.EVAL_SEED ?? 'matching-eval';
  const referenceData = await loadGeneratorReferenceData();
  const set = generateLabelledSet({ referenceData, seed, records });
  const matching = new MatchingService(
    referenceData.units,
    loadMatchingConfig(process.env.MATCHING_CONFIG_FILE || undefined),
  );
  const e = await evaluateMatching(set, matching);
  const r = (n: number): string => n.toFixed(4);
  process.stdout.write(
    [
      `records ${e.records}, true links ${e.trueLinks}, predicted ${e.truePositives + e.falsePositives} (${e.falsePositives} wrong)`,
      `verdicts ${JSON.stringify(e.verdicts)}`,
      `missed by kind ${JSON.stringify(e.missedByKind)}`,
      `missed by corruption ${JSON.stringify(e.missedByCorruption)}`,
      `namesakes merged ${e.namesakesMerged}; ${Math.round(e.millis)} ms`,
      `EVAL matching precision=${r(e.precision)} recall=${r(e.recall)} f1=${r(e.f1)} twins_merged=${e.twinsMerged} review_share=${r(e.reviewShare)}`,
      '',
    ].join('\n'),
  );
}
