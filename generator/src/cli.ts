#!/usr/bin/env node
/** Entry point of the `apib-to-openapi` bin. */
import { main } from './cli-main.js';

process.exitCode = await main(process.argv.slice(2));
