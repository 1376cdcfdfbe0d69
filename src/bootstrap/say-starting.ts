// Preloaded before the bot's code (package.json `start`): loading that code takes seconds on a
// small machine, and a start-up that prints nothing looks hung.
process.stderr.write('Starting TracBot: loading its code…\n');
