import { describe, expect, it } from 'vitest';
import { VendorError } from '../../../src/errors/index.js';
import { sendWithoutRefusedFields, withoutField, type RefusalRule } from '../../../src/http/refused-fields.js';

const rules: RefusalRule[] = [{ message: /^number not unique$/, without: (body) => withoutField(body, 'number'), field: () => 'number' }];
const refusal = (message: string): VendorError => new VendorError('VENDOR_REJECTED', message, { vendor: 'eenvoudigfactureren', vendorMessage: message });

describe('sending without a part the vendor refused', () => {
  it('sends the body again without the refused part and reports it', async () => {
    const sent: unknown[] = [];
    const { result, refused } = await sendWithoutRefusedFields({ name: 'A', number: '3' }, rules, (body) => {
      sent.push(body);
      return 'number' in body ? Promise.reject(refusal('number not unique')) : Promise.resolve('1001');
    });
    expect(result).toBe('1001');
    expect(sent).toEqual([{ name: 'A', number: '3' }, { name: 'A' }]);
    expect(refused).toEqual([{ field: 'number', message: 'number not unique' }]);
  });

  it('passes on a refusal it has no rule for, and one about a part the body does not carry', async () => {
    await expect(sendWithoutRefusedFields({ name: 'A' }, rules, () => Promise.reject(refusal('name too long')))).rejects.toThrow('name too long');
    await expect(sendWithoutRefusedFields({ name: 'A' }, rules, () => Promise.reject(refusal('number not unique')))).rejects.toThrow('number not unique');
  });

  it('never retries an error that is not a definite refusal', async () => {
    const unknown = new VendorError('VENDOR_OUTCOME_UNKNOWN', 'reset', { vendor: 'eenvoudigfactureren', vendorMessage: 'number not unique' });
    let calls = 0;
    await expect(sendWithoutRefusedFields({ number: '3' }, rules, () => {
      calls += 1;
      return Promise.reject(unknown);
    })).rejects.toBe(unknown);
    expect(calls).toBe(1);
  });
});
