import { type RefObject, useCallback, useEffect, useRef } from 'react';

/** How close to its end (px) a list counts as being read at the end. */
const AT_END_PX = 40;

/**
 * Keeps a scrolling list at its end while the reader is there: when items are added or grow (a streamed
 * reply, a card that loads later, an error that shrinks the list), it follows them; once the reader scrolls
 * up it stays where they are until they scroll back down. Returns `toEnd`, which jumps to the end and
 * follows again (for the reader's own new message).
 */
export function useStickToBottom(ref: RefObject<HTMLElement | null>): () => void {
  const atEnd = useRef(true);
  const follow = useCallback(() => {
    const list = ref.current;
    if (list && atEnd.current) list.scrollTop = list.scrollHeight;
  }, [ref]);

  useEffect(() => {
    const list = ref.current;
    if (!list) return;
    // Only the reader scrolls up: following only ever scrolls down, and content that grows before a scroll
    // event is handled must not count as the reader leaving the end.
    let lastTop = list.scrollTop;
    const onScroll = () => {
      if (list.scrollHeight - list.scrollTop - list.clientHeight < AT_END_PX) atEnd.current = true;
      else if (list.scrollTop < lastTop) atEnd.current = false;
      lastTop = list.scrollTop;
    };
    const resized = new ResizeObserver(follow);
    resized.observe(list);
    for (const item of list.children) resized.observe(item);
    const changed = new MutationObserver((records) => {
      for (const r of records) {
        for (const node of r.addedNodes) if (node instanceof Element) resized.observe(node);
        for (const node of r.removedNodes) if (node instanceof Element) resized.unobserve(node);
      }
      follow();
    });
    changed.observe(list, { childList: true });
    list.addEventListener('scroll', onScroll, { passive: true });
    follow();
    return () => {
      resized.disconnect();
      changed.disconnect();
      list.removeEventListener('scroll', onScroll);
    };
  }, [ref, follow]);

  return useCallback(() => {
    atEnd.current = true;
    follow();
  }, [follow]);
}
