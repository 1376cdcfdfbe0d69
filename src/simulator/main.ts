// Runs the simulator on its own: `tsx src/simulator/main.ts [--port 8000] [--seed 1] [--token t]`.
import { parseArgs } from 'node:util';
import { startSimulator } from './start-simulator.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    seed: { type: 'string', default: '1' },
    token: { type: 'string' },
  },
});
const simulator = await startSimulator({ port: Number(values.port), seed: Number(values.seed), token: values.token });
process.stdout.write(`RapidPro simulator on ${simulator.url} (token: ${simulator.token})\n`);
process.stdout.write(`Try: curl -H 'Authorization: Token ${simulator.token}' ${simulator.url}/api/v2/workspace.json\n`);
// Stopping clears every timer and closes the server, so the process then ends by itself.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void simulator.stop());
