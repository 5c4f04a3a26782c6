/** The command table: every area adds its specs here. */
import type { CommandSpec } from './spec.js';
import { coalitionSpecs } from './specs/coalitions.js';
import { contactsSpecs } from './specs/contacts.js';
import { dbSpecs } from './specs/db.js';
import { demoSpecs } from './specs/demo.js';
import { importSpecs } from './specs/imports.js';
import { lintSpecs } from './specs/lint.js';
import { peopleSpecs } from './specs/people.js';
import { reportSpecs } from './specs/report.js';
import { safetySpecs } from './specs/safety.js';
import { trainSpecs } from './specs/train.js';

export const commandSpecs: CommandSpec[] = [
  ...demoSpecs,
  ...coalitionSpecs,
  ...importSpecs,
  ...peopleSpecs,
  ...trainSpecs,
  ...contactsSpecs,
  ...reportSpecs,
  ...lintSpecs,
  ...safetySpecs,
  ...dbSpecs,
];
