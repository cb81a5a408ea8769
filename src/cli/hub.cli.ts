import 'reflect-metadata';
import { runHubCli } from './hub-cli.runner.js';

process.exitCode = await runHubCli(process.argv.slice(2));
