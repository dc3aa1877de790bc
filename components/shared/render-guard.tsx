import { Component, type ComponentChildren } from 'preact';
import { t } from '../../platform/i18n';

interface Props {
  /** What stands in for the children when drawing them threw. */
  fallback: ComponentChildren;
  /** A new value (another article, a newer save) tries the children again. */
  resetKey?: unknown;
  children: ComponentChildren;
}

/**
 * Keeps a failure to draw one article to that article: without it, one record
 * a view cannot draw unmounts the whole list and the archive looks empty.
 */
export class RenderGuard extends Component<Props, { failed: boolean }> {
  override state = { failed: false };

  static override getDerivedStateFromError() {
    return { failed: true };
  }

  override componentDidCatch(error: unknown) {
    console.warn('EM Lens: an article could not be shown', error);
    this.setState({ failed: true });
  }

  override componentDidUpdate(previous: Props) {
    if (this.state.failed && previous.resetKey !== this.props.resetKey) this.setState({ failed: false });
  }

  render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

/** The title of a record whatever state it is in, for saying which article could not be shown. */
export function titleOf(article: unknown): string {
  const title = (article as { title?: unknown } | null)?.title;
  return typeof title === 'string' ? title.slice(0, 500) : '';
}

/** A muted row in place of an article the list could not draw, with its title where it has one. */
export function UnshowableRow({ article }: { article: unknown }) {
  const id = (article as { id?: unknown } | null)?.id;
  const title = titleOf(article);
  return (
    <li class="article unshowable muted" data-article-id={typeof id === 'string' ? id : undefined} data-role="unshowable-article">
      {t('articleUnshowable')}
      {title && (
        <>
          {': '}
          <bdi class="article-title">{title}</bdi>
        </>
      )}
    </li>
  );
}
