/**
 * The registry's pointers in memory, versioned as FHIR R4 does (`meta.versionId` counts from 1,
 * `meta.lastUpdated` from the registry's clock). Every operation is synchronous, so a conditional
 * create or update searches and writes in one step: two concurrent writes for one identifier can
 * never both create.
 * @module
 */
import { randomUUID } from 'node:crypto';
import type { Appointment } from '@itb/shared';
import { matches, type Criterion } from './pointer-search.js';

export interface PointerStore {
  /** Every pointer, oldest first (copies). */
  all(): Appointment[];
  read(id: string): Appointment | undefined;
  /** One version of pointer `id` (vread). */
  readVersion(id: string, versionId: string): Appointment | undefined;
  search(criteria: readonly Criterion[]): Appointment[];
  /** Store `resource` under a new id as version 1; any `id` in it is ignored (R4 create). */
  create(resource: Appointment): Appointment;
  /** Replace pointer `id` with `resource` as its next version; undefined when there is no such pointer. */
  update(id: string, resource: Appointment): Appointment | undefined;
  clear(): void;
}

export function createPointerStore(clock: () => number): PointerStore {
  /** Every version of each pointer, oldest first; the last is current. */
  const pointers = new Map<string, Appointment[]>();
  const current = (): Appointment[] => [...pointers.values()].map((versions) => versions[versions.length - 1] as Appointment);

  const save = (id: string, resource: Appointment): Appointment => {
    const versions = pointers.get(id) ?? [];
    // The id sent is ignored: the registry assigns ids.
    const { resourceType, id: _sentId, meta, ...content } = structuredClone(resource);
    // resourceType, id and meta first, as FHIR servers write them; the rest as sent.
    const stored: Appointment = {
      resourceType,
      id,
      meta: { ...meta, versionId: String(versions.length + 1), lastUpdated: new Date(clock()).toISOString() },
      ...content,
    };
    pointers.set(id, [...versions, stored]);
    return structuredClone(stored);
  };

  return {
    all: () => current().map((p) => structuredClone(p)),
    read(id) {
      const versions = pointers.get(id);
      return versions === undefined ? undefined : structuredClone(versions[versions.length - 1]);
    },
    readVersion(id, versionId) {
      const found = pointers.get(id)?.find((v) => v.meta?.versionId === versionId);
      return found === undefined ? undefined : structuredClone(found);
    },
    search: (criteria) => current().filter((p) => matches(p, criteria)).map((p) => structuredClone(p)),
    create: (resource) => save(randomUUID(), resource),
    update: (id, resource) => (pointers.has(id) ? save(id, resource) : undefined),
    clear() {
      pointers.clear();
    },
  };
}
