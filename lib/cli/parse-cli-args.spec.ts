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

  it('reads web install and its flags', () => {
    expect(parseCliArgs(['web', 'install', '--module', 'dist/app.module.js'])).toEqual({
      kind: 'web',
      action: 'install',
      module: 'dist/app.module.js',
      verbose: false,
    });
    expect(parseCliArgs(['web', 'install', '--verbose', '--module=src/app.module.ts#ShopModule'])).toEqual({
      kind: 'web',
      action: 'install',
      module: 'src/app.module.ts#ShopModule',
      verbose: true,
    });
    expect(parseCliArgs(['web', 'install', '--help'])).toEqual({ kind: 'help' });
  });

  it('says what is wrong with web install', () => {
    expect(() => parseCliArgs(['web'])).toThrow("'web' needs 'install'");
    expect(() => parseCliArgs(['web', 'migrate', '--module', 'a.js'])).toThrow(
      "'web' needs 'install', got 'migrate'",
    );
    expect(() => parseCliArgs(['web', 'install'])).toThrow(
      "'--module <file>' is required: the app module whose KarafkaWebModule names the reporting cluster",
    );
    expect(() => parseCliArgs(['web', 'install', '--module'])).toThrow("'--module' needs a file path");
    // --allow-delete belongs to topics: web install never deletes.
    expect(() => parseCliArgs(['web', 'install', '--module', 'a.js', '--allow-delete'])).toThrow(
      "unknown argument '--allow-delete'",
    );
  });

  it('shows help on request or without arguments', () => {
    expect(parseCliArgs([])).toEqual({ kind: 'help' });
    expect(parseCliArgs(['topics', '--help'])).toEqual({ kind: 'help' });
  });

  it('says what is wrong', () => {
    expect(() => parseCliArgs(['topic', 'plan'])).toThrow(
      "unknown command 'topic' (the CLI has: topics, web, kafka)",
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
