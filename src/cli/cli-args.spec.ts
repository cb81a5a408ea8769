import { CliUsageError, parseArgs, requireOption } from './cli-args.js';

describe('command-line arguments', () => {
  it('separates the command words from --options', () => {
    const a = parseArgs(['source', 'create', '--id', 'hn-soap', '--name=Hà Nội', '--dry-run']);
    expect(a.command).toEqual(['source', 'create']);
    expect(a.options.get('id')).toBe('hn-soap');
    expect(a.options.get('name')).toBe('Hà Nội');
    expect(a.options.get('dry-run')).toBe(true);
  });

  it('names the missing option', () => {
    expect(() => requireOption(parseArgs(['x']), 'province')).toThrow(
      new CliUsageError('missing --province'),
    );
  });
});
