/**
 * `npm run bench -- <name>`: runs one benchmark against the real PostgreSQL (and, for those that
 * need it, RabbitMQ) of this machine. Each prints its figures and ends with one `BENCH <name> …` line.
 */
const BENCHES: Record<string, () => Promise<{ run(): Promise<void> }>> = {
  intake: () => import('./intake.bench.js'),
  soap: () => import('./soap.bench.js'),
  csv: () => import('./csv.bench.js'),
  audit: () => import('./audit.bench.js'),
  'matching-eval': () => import('./matching-eval.bench.js'),
  matching: () => import('./matching.bench.js'),
  population: () => import('./population.bench.js'),
  sql: () => import('./sql.bench.js'),
  generator: () => import('./generator.bench.js'),
};

const name = process.argv[2];
const load = name ? BENCHES[name] : undefined;
if (!load) {
  process.stderr.write(`usage: npm run bench -- <${Object.keys(BENCHES).join('|')}>\n`);
  process.exit(2);
}
await (await load()).run();
