import type { Facet } from '../../lib/archive/schema';
import { kindLabel } from '../shared/kind-labels';
import { t } from '../../platform/i18n';

/** The security view's heading: which security, and how many saved articles mention it. */
export function SecurityHeader({ secid, facet, total }: { secid: string; facet: Facet | undefined; total: number }) {
  const code = secid.split('.')[1];
  return (
    <div class="security-header" data-role="security-view" data-secid={secid}>
      <strong>{facet?.name ?? secid}</strong> <span class="muted">{code}</span>
      {facet?.kind && <span class="kind-tag">{kindLabel(facet.kind)}</span>}
      <span class="muted">{t('securityView', total)}</span>
    </div>
  );
}
