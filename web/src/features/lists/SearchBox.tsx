import { CloseButton, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useLocation, useSearchParams } from 'react-router';

/** The page and open view in the address bar right now (router state can lag a navigation). */
function listPlace(): string {
  return `${window.location.pathname}?view=${new URLSearchParams(window.location.search).get('view') ?? ''}`;
}

/**
 * The list's search (name, email, phone): written to the URL 300 ms after typing stops, replacing
 * history. Opening another view (or leaving the page) within those 300 ms drops the pending search.
 */
export function SearchBox({
  value,
  onChange,
  label,
  placeholder,
}: {
  value: string | undefined;
  onChange: (q: string | undefined) => void;
  label: string;
  placeholder: string;
}) {
  const [text, setText] = useState(value ?? '');
  const input = useRef<HTMLInputElement>(null);
  // "/" from anywhere that is not a control focuses the search, as in most inboxes.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
      if (target && target !== document.body && target.closest('input, textarea, select, [contenteditable]'))
        return;
      if (document.querySelector('[role="dialog"][aria-modal="true"]')) return;
      event.preventDefault();
      input.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  // Where the typing happened (page and open view): a search typed there must not land in another
  // view opened (or page left) within the debounce.
  const typedIn = useRef<string | null>(null);
  const commit = useDebouncedCallback(
    (q: string) => {
      const typed = typedIn.current;
      typedIn.current = null;
      if (typed !== null && typed !== listPlace()) return;
      onChange(q.trim() || undefined);
    },
    { delay: 300, flushOnUnmount: true },
  );
  // Cleared or changed from elsewhere (Clear all, a view): follow the URL unless typing is pending.
  useEffect(() => {
    if (!commit.isPending()) setText(value ?? '');
  }, [value, commit]);
  // Another view opened (or another page): drop the pending search and show the new list's.
  const { pathname } = useLocation();
  const [params] = useSearchParams();
  const place = `${pathname}?view=${params.get('view') ?? ''}`;
  const lastPlace = useRef(place);
  useEffect(() => {
    if (lastPlace.current === place) return;
    lastPlace.current = place;
    commit.cancel();
    typedIn.current = null;
    setText(value ?? '');
  }, [place, value, commit]);
  return (
    <TextInput
      ref={input}
      aria-label={label}
      aria-keyshortcuts="/"
      placeholder={placeholder}
      size="sm"
      value={text}
      leftSection={<IconSearch size={16} aria-hidden />}
      rightSection={
        text ? (
          <CloseButton
            size="sm"
            aria-label="Clear search"
            onClick={() => {
              setText('');
              commit.cancel();
              typedIn.current = null;
              onChange(undefined);
            }}
          />
        ) : null
      }
      onChange={(e) => {
        setText(e.currentTarget.value);
        if (typedIn.current === null) typedIn.current = listPlace();
        commit(e.currentTarget.value);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit.flush();
        if (e.key === 'Escape' && text) {
          e.stopPropagation();
          setText('');
          commit.cancel();
          typedIn.current = null;
          onChange(undefined);
        }
      }}
    />
  );
}
