import { Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { useEffect, useRef } from 'react';
import { useNavigate } from 'react-router';

/**
 * Asks before leaving with unsaved changes. The app uses a BrowserRouter (not a data router), where
 * react-router's useBlocker is not available, so this guards the two ways out that it can see:
 * closing or reloading the tab (beforeunload) and following any in-app link (a capturing click
 * handler that holds the navigation until the person confirms). The browser's Back button is not
 * intercepted.
 */
export function useUnsavedGuard(dirty: boolean, what = 'this profile') {
  const navigate = useNavigate();
  const navigateRef = useRef(navigate);
  navigateRef.current = navigate;

  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = '';
    };
    const onClick = (event: MouseEvent) => {
      if (event.defaultPrevented || event.button !== 0) return;
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const anchor = (event.target as Element | null)?.closest?.('a[href]');
      if (!(anchor instanceof HTMLAnchorElement)) return;
      if (anchor.target && anchor.target !== '_self') return;
      if (anchor.hasAttribute('download')) return;
      const url = new URL(anchor.href, window.location.href);
      if (url.origin !== window.location.origin) return;
      if (url.pathname === window.location.pathname && url.search === window.location.search) return;
      event.preventDefault();
      event.stopPropagation();
      modals.openConfirmModal({
        title: 'Leave without saving?',
        children: (
          <Text size="sm">Your changes to {what} are not saved yet. If you leave now, they are lost.</Text>
        ),
        labels: { confirm: 'Leave and discard', cancel: 'Stay on this page' },
        confirmProps: { color: 'red' },
        onConfirm: () => navigateRef.current(url.pathname + url.search + url.hash),
      });
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    document.addEventListener('click', onClick, true);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      document.removeEventListener('click', onClick, true);
    };
  }, [dirty, what]);
}
