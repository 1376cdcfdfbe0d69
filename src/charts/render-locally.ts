// Chart.js drawn on @napi-rs/canvas inside the bot: no data leaves the server and it works
// offline. Fonts come from npm packages (Noto Sans and Noto Sans Arabic), never from the system,
// so every machine draws the same picture and Arabic is shaped and laid out right to left.
import { createRequire } from 'node:module';
import { createCanvas, GlobalFonts, type Canvas, type SKRSContext2D } from '@napi-rs/canvas';
import { Chart, registerables, type Plugin } from 'chart.js';
// The time scale's date adapter (trends place dates by their distance); it registers itself.
import 'chartjs-adapter-luxon';
import sharp from 'sharp';
import { ChoroplethController, ColorScale, GeoFeature, ProjectionScale } from 'chartjs-chart-geo';
import { WordCloudController, WordElement } from 'chartjs-chart-wordcloud';
import { nameRegions } from './name-regions.ts';
import { BACKGROUND, type ChartRenderer, type ChartSpec } from './chart-spec.ts';

const require = createRequire(import.meta.url);
const FONTS = [
  ['@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf', 'Noto Sans'],
  ['@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf', 'Noto Sans'],
  ['@expo-google-fonts/noto-sans-arabic/400Regular/NotoSansArabic_400Regular.ttf', 'Noto Sans Arabic'],
  ['@expo-google-fonts/noto-sans-arabic/700Bold/NotoSansArabic_700Bold.ttf', 'Noto Sans Arabic'],
] as const;
/** Latin first; letters it lacks (Arabic) fall back to the next family. */
const FONT_FAMILY = "'Noto Sans', 'Noto Sans Arabic'";

// Drawing runs synchronously from start to end (Chart.js draws in its constructor when animation
// is off, and the pixels are read at once; only their encoding comes later), so one canvas serves
// every chart in turn instead of a new 2 MB surface per chart.
let chartCanvas: Canvas | undefined;
let spriteCanvas: Canvas | undefined;

/**
 * The word-cloud layout (d3-cloud) measures words on a canvas it makes with `document`, which a
 * server has not; this controller hands it one of ours. It needs an id of its own because Chart.js
 * registers a controller's parent class first, under the same id, and keeps the first.
 */
class LocalWordCloudController extends WordCloudController {
  constructor(...args: ConstructorParameters<typeof WordCloudController>) {
    super(...args);
    (this as unknown as { wordLayout: { canvas(make: () => Canvas): void } }).wordLayout.canvas(
      () => (spriteCanvas ??= createCanvas(1, 1)),
    );
  }
}
Object.defineProperty(LocalWordCloudController, 'id', { value: 'localWordCloud' });
const localTypes: Record<string, string> = { wordCloud: LocalWordCloudController.id };

/**
 * Paints the white background and sets the text direction before each draw. Both go here, not on
 * the context beforehand: Chart.js sizes the canvas when it starts, which resets the context.
 * (Chart.js sets a direction for legends only; titles and labels follow the context's own.)
 */
function prepareCanvas(direction: ChartSpec['direction']): Plugin {
  return {
    id: 'prepareCanvas',
    beforeDraw(chart) {
      const { ctx, width, height } = chart;
      ctx.direction = direction;
      ctx.save();
      ctx.fillStyle = BACKGROUND;
      ctx.fillRect(0, 0, width, height);
      ctx.restore();
    },
  };
}

let registered = false;
function register(): void {
  if (registered) return;
  for (const [file, family] of FONTS) GlobalFonts.registerFromPath(require.resolve(file), family);
  Chart.register(
    ...registerables,
    LocalWordCloudController,
    WordElement,
    ChoroplethController,
    GeoFeature,
    ColorScale,
    ProjectionScale,
  );
  Chart.defaults.font.family = FONT_FAMILY;
  // See encodePng.
  sharp.cache(false);
  registered = true;
}

/**
 * Chart.js sets the text direction of right-to-left legends through the canvas element's CSS
 * style, which only browsers have; here the same calls set the context's own direction.
 */
function withDirectionStyle(canvas: Canvas): Canvas {
  const ctx = canvas.getContext('2d');
  const style = {
    getPropertyValue: () => ctx.direction,
    getPropertyPriority: () => '',
    setProperty: (_name: string, value: string) => void (ctx.direction = value === 'rtl' ? 'rtl' : 'ltr'),
  };
  return Object.assign(canvas, { style });
}

/**
 * Pictures cross slow links (a phone on EDGE): a chart is a few flat colours and their
 * anti-aliased edges, which a palette of at most 256 colours (libimagequant, through sharp)
 * holds with no difference a reader sees, in a fifth of the bytes or less (bench/charts). The
 * encoding runs on libvips's threads, off the event loop. Its cache is for re-reading files, of
 * which charts have none: off, so memory stays flat over a burst of charts.
 */
function encodePng(canvas: Canvas, ctx: SKRSContext2D): Promise<Buffer> {
  const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
  return sharp(data, { raw: { width: canvas.width, height: canvas.height, channels: 4 } })
    .png({ palette: true, quality: 90, effort: 3, compressionLevel: 9, dither: 0 })
    .toBuffer();
}

/** Frees a chart's hold on its canvas; one that cannot be freed takes its canvas with it. */
function release(chart: Chart | undefined): void {
  try {
    chart?.destroy();
  } catch {
    chartCanvas = undefined;
  }
}

export function createLocalRenderer(): ChartRenderer {
  register();
  return {
    async render(spec: ChartSpec): Promise<Buffer> {
      const canvas = (chartCanvas ??= withDirectionStyle(createCanvas(1, 1)));
      const ctx = canvas.getContext('2d');
      // Chart.js takes the canvas's size as the chart's (the charts are not responsive).
      canvas.width = spec.width;
      canvas.height = spec.height;
      // Chart.js writes its resolved options into the configuration it is given: it gets a copy,
      // so a spec drawn twice (or posted to QuickChart after) is drawn from the same plain data.
      const { type, ...rest } = structuredClone(spec.config);
      let chart: Chart | undefined;
      let png: Promise<Buffer>;
      try {
        chart = new Chart(
          ctx as unknown as ConstructorParameters<typeof Chart>[0],
          {
            ...rest,
            type: (localTypes[type] ?? type) as typeof type,
            plugins: [prepareCanvas(spec.direction), nameRegions],
          } as typeof spec.config,
        );
        png = encodePng(canvas, ctx);
      } catch (error) {
        // A chart that throws while drawing is left registered on the canvas (Chart.js refuses
        // the canvas to every later chart) and may leave the context mid-drawing: the next chart
        // starts on new canvases.
        chartCanvas = undefined;
        spriteCanvas = undefined;
        throw error;
      } finally {
        release(chart ?? Chart.getChart(canvas));
      }
      return png;
    },
  };
}
