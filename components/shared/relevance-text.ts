/** The words a reader is given for why a security is doubtful: the rules' reason, or their own correction. */
import type { Mention } from '../../lib/article-model';
import type { CorrectionScope } from '../../lib/relevance/corrections';
import { t } from '../../platform/i18n';

/** The rules' reason for the security, in the reader's language; empty where they found none. */
export function ruleReason(mention: Mention): string {
  const relevance = mention.relevance;
  if (!relevance?.reason || relevance.verdict !== 'doubtful') return '';
  return t(relevance.reason, ...(relevance.params ?? ['', '']));
}

/** Why a doubtful security is doubtful: the reader's correction where there is one, else the rules. */
export function doubtText(mention: Mention, byReader: CorrectionScope | null = null): string {
  if (byReader || mention.relevance?.verdict !== 'doubtful') return t('relevanceByReaderNo');
  return ruleReason(mention) || t('relevanceByReaderNo');
}
