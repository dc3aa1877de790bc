import { afterEach, describe, expect, it, vi } from 'vitest';
import { mountOverlayHost } from '../../entrypoints/article-overlay/shadow-host';

afterEach(() => {
  document.body.innerHTML = '';
});

describe('the overlay host', () => {
  it('sits right before the article body, in a shadow root of its own that resets the page styles', () => {
    document.body.innerHTML = '<div id="topbox"></div><div id="ContentBody"><p>正文</p></div>';
    const body = document.getElementById('ContentBody')!;
    const { container } = mountOverlayHost(body, '.overlay { color: red; }');
    const host = body.previousElementSibling!;
    expect(host.localName).toBe('div');
    expect(host.getAttribute('data-em-lens')).toBe('overlay');
    expect(host.shadowRoot!.querySelector('style')!.textContent).toBe(':host{all:initial !important;}\n.overlay { color: red; }');
    expect(container.localName).toBe('body');
    expect(container.getRootNode()).toBe(host.shadowRoot);
    expect(body.textContent).toBe('正文');
  });

  it('mounts even when the page has defined custom elements under the names an extension might use', () => {
    for (const name of ['em-lens-overlay', 'em-lens-inline']) {
      customElements.define(
        name,
        class extends HTMLElement {
          constructor() {
            super();
            this.attachShadow({ mode: 'open' }).innerHTML = '<p>hijacked</p>';
          }
        },
      );
    }
    document.body.innerHTML = '<div id="ContentBody"><p>正文</p></div>';
    const { container } = mountOverlayHost(document.getElementById('ContentBody')!, '');
    expect(container.getRootNode()).toBe(document.querySelector('[data-em-lens="overlay"]')!.shadowRoot);
    expect(document.querySelector('[data-em-lens="overlay"]')!.shadowRoot!.textContent).not.toContain('hijacked');
  });

  it('keeps keys typed in the overlay from the page’s shortcuts, but not clicks', () => {
    document.body.innerHTML = '<div id="ContentBody"></div>';
    const { container } = mountOverlayHost(document.getElementById('ContentBody')!, '');
    const input = document.createElement('input');
    container.append(input);
    const pageHeard = vi.fn();
    document.addEventListener('keydown', pageHeard);
    document.addEventListener('click', pageHeard);
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 's', bubbles: true, composed: true }));
    expect(pageHeard).not.toHaveBeenCalled();
    input.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    expect(pageHeard).toHaveBeenCalledTimes(1);
    document.removeEventListener('keydown', pageHeard);
    document.removeEventListener('click', pageHeard);
  });

  it('leaves nothing behind when removed', () => {
    document.body.innerHTML = '<div id="ContentBody"></div>';
    mountOverlayHost(document.getElementById('ContentBody')!, '').remove();
    expect(document.querySelector('[data-em-lens="overlay"]')).toBeNull();
  });
});
