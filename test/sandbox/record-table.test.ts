import { describe, expect, it } from 'vitest';
import { createRecordTable } from '../../src/sandbox/record-table.js';

describe('the simulators’ record table', () => {
  it('lists a replaced record in its new form (a listing right after an update shows the update)', () => {
    const table = createRecordTable('id');
    table.set('2', { id: '2', name: 'B' });
    table.set('1', { id: '1', name: 'A' });
    expect(table.ordered().map((r) => r.name)).toEqual(['A', 'B']);
    table.set('2', { id: '2', name: 'B2' });
    expect(table.ordered().map((r) => r.name)).toEqual(['A', 'B2']);
  });
});
