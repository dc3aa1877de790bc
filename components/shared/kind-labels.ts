import type { SecurityKind } from '../../lib/securities';
import { t } from '../../platform/i18n';

/** What each kind of security is called on a badge. */
export function kindLabel(kind: SecurityKind): string {
  return t(`kind_${kind}`);
}
