import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The files the pages load, served from `${base}/assets/<name>`: the UI's own (lib/web/assets, copied
 * next to the compiled code by `npm run build`) and uPlot's from its package, read once at start.
 */
const FILES = {
  'karafka-web.css': () => join(__dirname, '..', 'assets', 'karafka-web.css'),
  'charts.js': () => join(__dirname, '..', 'assets', 'charts.js'),
  'live-refresh.js': () => join(__dirname, '..', 'assets', 'live-refresh.js'),
  'uPlot.min.css': () => require.resolve('uplot/dist/uPlot.min.css'),
  'uPlot.iife.min.js': () => require.resolve('uplot/dist/uPlot.iife.min.js'),
} satisfies Record<string, () => string>;

export type AssetName = keyof typeof FILES;

export interface StaticAsset {
  body: string;
  contentType: string;
}

export function loadStaticAssets(): Map<string, StaticAsset> {
  const assets = new Map<string, StaticAsset>();
  for (const [name, locate] of Object.entries(FILES)) {
    const contentType = name.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8';
    assets.set(name, { body: readFileSync(locate(), 'utf8'), contentType });
  }
  return assets;
}
