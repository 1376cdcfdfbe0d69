// Runs the simulator on its own: `tsx src/simulator/main.ts [port]`.
import { startSimulator } from './start-simulator.ts';

const simulator = await startSimulator({ port: Number(process.argv[2] ?? 0) });
process.stdout.write(`RapidPro simulator on ${simulator.url} (token: ${simulator.token})\n`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void simulator.stop());
