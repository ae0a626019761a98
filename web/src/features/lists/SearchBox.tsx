import { CloseButton, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';

/** The list's search (name, email, phone): written to the URL 300 ms after typing stops, replacing history. */
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
  const commit = useDebouncedCallback((q: string) => onChange(q.trim() || undefined), {
    delay: 300,
    flushOnUnmount: true,
  });
  // Cleared or changed from elsewhere (Clear all, a view): follow the URL unless typing is pending.
  useEffect(() => {
    if (!commit.isPending()) setText(value ?? '');
  }, [value, commit]);
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
              onChange(undefined);
            }}
          />
        ) : null
      }
      onChange={(e) => {
        setText(e.currentTarget.value);
        commit(e.currentTarget.value);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit.flush();
        if (e.key === 'Escape' && text) {
          e.stopPropagation();
          setText('');
          commit.cancel();
          onChange(undefined);
        }
      }}
    />
  );
}
