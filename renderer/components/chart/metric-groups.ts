/**
 * Which group a logged metric is charted under, and the groups' titles and order, all read from
 * the contract's metric catalog (trainer/protocol/metric-catalog.ts): a key the catalog does not
 * name falls into the group of its first path segment, TensorBoard style, so no key is dropped.
 */
import { METRIC_GROUPS, metricInfo } from '../../../trainer/protocol';

const KNOWN = new Map(METRIC_GROUPS.map((g) => [g.id, g]));

/** The group id of a logged key. */
export function groupOf(key: string): string {
  return metricInfo(key).group;
}

/** A group's title: a known one's, or an unknown prefix as it was logged (TensorBoard shows 'foo'). */
export function groupTitle(id: string): string {
  return KNOWN.get(id)?.title ?? id;
}

export function groupAbout(id: string): string {
  return KNOWN.get(id)?.about ?? `Metrics logged as ${id}/…`;
}

/** Known groups in their order, then unknown ones alphabetically. */
export function compareGroups(a: string, b: string): number {
  const rank = (id: string) => {
    const i = METRIC_GROUPS.findIndex((g) => g.id === id);
    return i < 0 ? METRIC_GROUPS.length : i;
  };
  return rank(a) - rank(b) || a.localeCompare(b);
}
