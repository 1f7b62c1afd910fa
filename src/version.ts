import { readFileSync } from 'node:fs';
import { PACKAGE_ROOT } from './lang/data.js';
import path from 'node:path';

export const VERSION: string = (JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
