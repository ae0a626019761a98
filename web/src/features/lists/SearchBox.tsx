import { CloseButton, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';

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
      aria-label={label}
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
