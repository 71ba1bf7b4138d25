import { describe, expect, it } from 'vitest';
import { checkProfileTemplate, InvalidProfileTemplateError } from '../../src/core/aws-files/profile-template.js';

const PLACEHOLDERS = 'use {account}, {id}, {role} and {session}, as in the default {account}.{role}.';

// One line per template: the sentence that refuses it, or undefined when it is accepted.
const CASES: [template: string, refusal: string | undefined][] = [
  ['{account}.{role}', undefined],
  ['{session}-{id}-{role}', undefined],
  ['work', undefined],
  ['', `The profile template is empty, which would make empty profile names: ${PLACEHOLDERS}`],
  ['   ', `The profile template is empty, which would make empty profile names: ${PLACEHOLDERS}`],
  ['{acount}.{role}', `The profile template "{acount}.{role}" has "{acount}", which is not a placeholder: ${PLACEHOLDERS}`],
  ['{Account}', `The profile template "{Account}" has "{Account}", which is not a placeholder: ${PLACEHOLDERS}`],
  ['{}', `The profile template "{}" has "{}", which is not a placeholder: ${PLACEHOLDERS}`],
  ['{account', `The profile template "{account" has "{", which is not a placeholder: ${PLACEHOLDERS}`],
  ['{role}}', `The profile template "{role}}" has "}", which is not a placeholder: ${PLACEHOLDERS}`],
];

describe('checkProfileTemplate', () => {
  it.each(CASES)('%j', (template, refusal) => {
    if (refusal === undefined) expect(() => checkProfileTemplate(template)).not.toThrow();
    else {
      expect(() => checkProfileTemplate(template)).toThrow(InvalidProfileTemplateError);
      expect(() => checkProfileTemplate(template)).toThrow(refusal);
    }
  });
});
