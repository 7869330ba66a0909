import { parseCliArgs } from './parse-cli-args';

describe('parseCliArgs', () => {
  it('reads the topics actions and their flags', () => {
    expect(parseCliArgs(['topics', 'plan', '--module', 'dist/app.module.js'])).toEqual({
      kind: 'topics',
      action: 'plan',
      module: 'dist/app.module.js',
      allowDelete: false,
      verbose: false,
    });
    expect(
      parseCliArgs([
        'topics',
        'align',
        '--module=src/app.module.ts#ShopModule',
        '--allow-delete',
        '--verbose',
      ]),
    ).toEqual({
      kind: 'topics',
      action: 'align',
      module: 'src/app.module.ts#ShopModule',
      allowDelete: true,
      verbose: true,
    });
  });

  it('shows help on request or without arguments', () => {
    expect(parseCliArgs([])).toEqual({ kind: 'help' });
    expect(parseCliArgs(['topics', '--help'])).toEqual({ kind: 'help' });
  });

  it('says what is wrong', () => {
    expect(() => parseCliArgs(['topic', 'plan'])).toThrow(
      "unknown command 'topic' (the CLI has: topics, kafka)",
    );
    expect(() => parseCliArgs(['topics', 'create'])).toThrow(
      "'topics' needs one of plan, migrate, align, got 'create'",
    );
    expect(() => parseCliArgs(['topics', 'migrate'])).toThrow("'--module <file>' is required");
    expect(() => parseCliArgs(['topics', 'migrate', '--module'])).toThrow("'--module' needs a file path");
    expect(() => parseCliArgs(['topics', 'migrate', '--module', 'a.js', '--force'])).toThrow(
      "unknown argument '--force'",
    );
  });
});
