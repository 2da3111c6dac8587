import { diffNested, isRecord, toList } from '../../http/index.js';
import type { RawRecord } from '../../mapping/record-codec.js';

/**
 * How an update writes nested contacts: in the `POST /clients/{id}` body, a contact with its
 * `contact_id` is updated and one without is created (VENDORS.md §1.6; wire-decisions.md); a
 * contact that is gone is removed with `DELETE /clients/{id}/contacts/{contactId}`.
 */
export interface ContactWrites {
  /** The `contacts` to send, or undefined when nothing about them changes (the key is left out). */
  readonly contacts: RawRecord[] | undefined;
  /** Contact ids to delete. */
  readonly remove: readonly string[];
  /** Whether the body creates contacts: such a POST is not safe to send twice. */
  readonly createsContacts: boolean;
}

export function planContactWrites(desired: unknown, current: unknown): ContactWrites {
  const wanted = toList(desired, 'contact').filter(isRecord);
  const diff = diffNested(wanted, toList(current, 'contact'), { idField: 'contact_id', keyFields: ['email_address', 'contact_name', 'phone_number'] });
  // Only creations and changes travel in the body; removals are explicit DELETEs, so an empty or
  // shortened list is never sent (with PUT an empty `contacts` deletes them all; POST is not documented).
  const writes = diff.create.length > 0 || diff.keep.some((pair) => pair.changed);
  if (!writes) return { contacts: undefined, remove: diff.remove, createsContacts: false };
  const ids = new Map(diff.keep.map((pair) => [pair.item, pair.id]));
  const contacts = wanted.map((item) => {
    const id = ids.get(item);
    return id === undefined ? item : { ...item, contact_id: id };
  });
  return { contacts, remove: diff.remove, createsContacts: diff.create.length > 0 };
}
