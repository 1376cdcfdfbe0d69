// Administrative boundaries for the demo's maps: Uganda, two regions, four districts. Shapes are
// plain squares (MultiPolygon, as RapidPro serves simplified geometry).
import type { SimBoundary } from './store.ts';

const square = (x: number, y: number, size: number) => ({
  type: 'MultiPolygon',
  coordinates: [
    [
      [
        [x, y],
        [x + size, y],
        [x + size, y + size],
        [x, y + size],
        [x, y],
      ],
    ],
  ],
});

export function createDemoBoundaries(): SimBoundary[] {
  return [
    { osmId: 'R1403', name: 'Uganda', level: 0, parent: null, geometry: square(29.5, -1.5, 5.5) },
    {
      osmId: 'R2001',
      name: 'Central',
      level: 1,
      parent: 'R1403',
      aliases: ['Central Region'],
      geometry: square(31.5, -0.5, 2),
    },
    {
      osmId: 'R2002',
      name: 'Northern',
      level: 1,
      parent: 'R1403',
      aliases: ['Northern Region'],
      geometry: square(31.5, 2, 2),
    },
    { osmId: 'R3001', name: 'Kampala', level: 2, parent: 'R2001', aliases: ['KLA'], geometry: square(32.5, 0.2, 0.3) },
    { osmId: 'R3002', name: 'Wakiso', level: 2, parent: 'R2001', geometry: square(32, 0, 0.5) },
    { osmId: 'R3003', name: 'Gulu', level: 2, parent: 'R2002', geometry: square(32, 2.5, 0.6) },
    { osmId: 'R3004', name: 'Lira', level: 2, parent: 'R2002', geometry: square(32.6, 2.1, 0.6) },
  ];
}
