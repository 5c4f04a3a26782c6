/** The command table: every area adds its specs here. */
import type { CommandSpec } from './spec.js';
import { coalitionSpecs } from './specs/coalitions.js';
import { contactsSpecs } from './specs/contacts.js';
import { dbSpecs } from './specs/db.js';
import { demoSpecs } from './specs/demo.js';
import { importSpecs } from './specs/imports.js';
import { reportSpecs } from './specs/report.js';

export const commandSpecs: CommandSpec[] = [
  ...demoSpecs,
  ...coalitionSpecs,
  ...dbSpecs,
  ...importSpecs,
  ...contactsSpecs,
  ...reportSpecs,
];
