import { describe, expect, it } from 'vitest';
import { problemToast } from './problem-toast';

describe('problemToast', () => {
  it('shows the detail and the field errors the form does not show', () => {
    expect(problemToast('Could not save', 'Invalid body', { name: 'Required', 'tags.3': 'Too long' }, ['name'])).toBe(
      'Could not save: Invalid body (tags.3: Too long)',
    );
  });

  it('says nothing when the form shows every field error', () => {
    expect(problemToast('Could not save', 'Invalid body', { name: 'Required', 'handles.x': 'Too long' }, ['name', 'handles'])).toBeNull();
  });

  it('always toasts a problem without field errors, even with fields shown', () => {
    expect(problemToast('Could not merge', 'Merging would form a referral cycle.', {}, ['duplicateId'])).toBe(
      'Could not merge: Merging would form a referral cycle.',
    );
  });

  it('says a body-level error once when it repeats the detail, and without an empty path otherwise', () => {
    expect(problemToast('Could not save', 'This request needs a JSON body.', { '': 'This request needs a JSON body.' })).toBe(
      'Could not save: This request needs a JSON body.',
    );
    expect(problemToast('Could not save', 'This request needs a JSON body.', { '': 'Required' })).toBe(
      'Could not save: This request needs a JSON body. (Required)',
    );
  });
});
