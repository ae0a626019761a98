import { Group, NumberInput, SegmentedControl, SimpleGrid, Stack, Text } from '@mantine/core';
import { Section } from './Section.tsx';
import type { EditorState } from './use-editor-draft.ts';

interface BoundProps {
  label: string;
  noneLabel: string;
  value: number | null;
  fallback: number;
  onChange: (value: number | null) => void;
  error?: string;
  readOnly: boolean;
  help: string;
}

function BoundField({ label, noneLabel, value, fallback, onChange, error, readOnly, help }: BoundProps) {
  const limited = value !== null;
  return (
    <Stack gap={6}>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      <Group gap="sm" align="flex-start" wrap="nowrap">
        <SegmentedControl
          aria-label={`${label}: limit or none`}
          data={[
            { value: 'none', label: noneLabel },
            { value: 'set', label: 'Limit' },
          ]}
          value={limited ? 'set' : 'none'}
          onChange={(v) => onChange(v === 'set' ? fallback : null)}
          disabled={readOnly}
          size="sm"
        />
        {limited && (
          <NumberInput
            aria-label={label}
            value={value ?? ''}
            onChange={(v) => onChange(typeof v === 'number' ? v : null)}
            allowDecimal={false}
            min={-1e9}
            max={1e9}
            error={error}
            readOnly={readOnly}
            style={{ flex: 1, maxWidth: 160 }}
          />
        )}
      </Group>
      {error && !limited && (
        <Text size="xs" c="red">
          {error}
        </Text>
      )}
      <Text size="xs" c="dimmed">
        {help}
      </Text>
    </Stack>
  );
}

/** Score floor and ceiling, each optional. */
export function BoundsSection({ editor, readOnly }: { editor: EditorState; readOnly: boolean }) {
  const { draft, setDraft, errors } = editor;
  return (
    <Section
      id="profile-range"
      title="Score range"
      description="The score a contact shows is kept within these limits; the rules' total beyond them is cut off."
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
        <BoundField
          label="Score floor"
          noneLabel="No floor"
          value={draft.minScore}
          fallback={0}
          onChange={(minScore) => setDraft((d) => ({ ...d, minScore }))}
          error={errors.minScore}
          readOnly={readOnly}
          help={
            draft.minScore === null ? 'Scores can go below zero.' : `No score goes below ${draft.minScore}.`
          }
        />
        <BoundField
          label="Score ceiling"
          noneLabel="No ceiling"
          value={draft.maxScore}
          fallback={100}
          onChange={(maxScore) => setDraft((d) => ({ ...d, maxScore }))}
          error={errors.maxScore}
          readOnly={readOnly}
          help={
            draft.maxScore === null
              ? 'Scores can grow without limit.'
              : `No score goes above ${draft.maxScore}.`
          }
        />
      </SimpleGrid>
    </Section>
  );
}
