import { describe, expect, it } from 'vitest';
import { diffNested } from '../../../src/http/diff-nested.js';

const options = { idField: 'id', keyFields: ['email', 'name'] };
const current = [
  { id: '1', name: 'Jan', email: 'jan@example.be', phone: '' },
  { id: '2', name: 'An', email: 'an@example.be', phone: '0470' },
];

describe('diffNested', () => {
  it('pairs unchanged items by content and asks for nothing', () => {
    const diff = diffNested([{ name: 'Jan', email: 'jan@example.be' }, { name: 'An', email: 'an@example.be', phone: '0470' }], current, options);
    expect(diff).toEqual({ keep: [{ id: '1', item: { name: 'Jan', email: 'jan@example.be' }, changed: false }, { id: '2', item: { name: 'An', email: 'an@example.be', phone: '0470' }, changed: false }], create: [], remove: [] });
  });

  it('pairs a changed item by its key field and marks it changed', () => {
    const diff = diffNested([{ name: 'Jan Peeters', email: 'JAN@example.be' }], current, options);
    expect(diff.keep).toEqual([{ id: '1', item: { name: 'Jan Peeters', email: 'JAN@example.be' }, changed: true }]);
    expect(diff.remove).toEqual(['2']);
  });

  it('uses an id the caller gives before anything else', () => {
    const diff = diffNested([{ id: '2', name: 'Jan', email: 'jan@example.be' }], current, options);
    expect(diff.keep[0]?.id).toBe('2');
    expect(diff.remove).toEqual(['1']);
  });

  it('creates what pairs with nothing', () => {
    const diff = diffNested([{ name: 'Carla', email: 'carla@example.be' }], [], options);
    expect(diff).toEqual({ keep: [], create: [{ name: 'Carla', email: 'carla@example.be' }], remove: [] });
  });

  it('compares vendor strings with numbers by value', () => {
    expect(diffNested([{ name: 'Jan', phone: 0 }], [{ id: '9', name: 'Jan', phone: '0' }], options).keep[0]?.changed).toBe(false);
  });
});
