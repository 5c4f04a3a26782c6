/** For every test file: its temporary folders go when it ends. */
import { afterAll } from 'vitest';
import { removeTempDirs } from './helpers/context.js';

afterAll(() => removeTempDirs());
