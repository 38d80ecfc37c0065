// A table wider than a phone scrolls sideways inside its region; keyboard users must be able to
// reach it to scroll (WCAG 2.1.1), so the region takes focus only while it actually overflows.
import type { Action } from 'svelte/action';

export const focusableWhenScrolling: Action<HTMLElement> = (node) => {
  const update = () => {
    if (node.scrollWidth > node.clientWidth + 1) node.setAttribute('tabindex', '0');
    else node.removeAttribute('tabindex');
  };
  const observer = new ResizeObserver(update);
  observer.observe(node);
  update();
  return { destroy: () => observer.disconnect() };
};
