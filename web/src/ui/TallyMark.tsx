/** Tally's logo mark: three rising bars. */
export function TallyMark({ size = 24 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="7" fill="var(--mantine-color-blue-filled)" />
      <path d="M9 22V14M16 22V9M23 22v-5" stroke="#fff" strokeWidth="3.2" strokeLinecap="round" />
    </svg>
  );
}
