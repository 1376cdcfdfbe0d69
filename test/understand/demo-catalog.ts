// The demo workspace's names as the question reader sees them for its admin (src/simulator/
// seed-demo.ts and demo-flows.ts): what the corpus is written against.
import type { Catalog } from '../../src/understand/catalog.ts';

export const demoCatalog: Catalog = {
  polls: [
    { id: 1, name: 'Attendance' },
    { id: 2, name: 'School Status' },
    { id: 3, name: 'Feedback' },
    { id: 4, name: 'Enrolment' },
  ],
  questions: [
    { name: 'Boys present', pollId: 1 },
    { name: 'Girls present', pollId: 1 },
    { name: 'School open', pollId: 2 },
    { name: 'Water available', pollId: 2 },
    { name: 'Needs', pollId: 3 },
    { name: 'Boys enrolled', pollId: 4 },
    { name: 'Girls enrolled', pollId: 4 },
  ],
  regions: ['Central', 'Kampala', 'Kawempe', 'Nakawa', 'Wakiso', 'Northern', 'Gulu', 'Lira'].map((name, i) => ({
    id: 10 + i,
    name,
  })),
  groups: [
    { id: 20, name: 'Head Teachers' },
    { id: 21, name: 'Teachers' },
  ],
  fields: [{ key: 'gender', values: ['female', 'male'] }],
};
