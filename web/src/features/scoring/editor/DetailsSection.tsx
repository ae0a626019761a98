import { Stack, TextInput, Textarea } from '@mantine/core';
import { Section } from './Section.tsx';
import type { EditorState } from './use-editor-draft.ts';

export function DetailsSection({ editor, readOnly }: { editor: EditorState; readOnly: boolean }) {
  const { draft, setDraft, errors } = editor;
  return (
    <Section
      id="profile-details"
      title="Details"
      description={
        readOnly
          ? undefined
          : 'The name and description apply as soon as you save; rules, tiers and the score range apply when you publish.'
      }
    >
      <Stack gap="sm">
        <TextInput
          label="Name"
          value={draft.name}
          onChange={(e) => {
            const name = e.currentTarget.value;
            setDraft((d) => ({ ...d, name }));
          }}
          error={errors.name}
          readOnly={readOnly}
          maxLength={200}
        />
        <Textarea
          label="Description"
          placeholder="What this score measures and who relies on it"
          autosize
          minRows={2}
          maxRows={6}
          value={draft.description}
          onChange={(e) => {
            const description = e.currentTarget.value;
            setDraft((d) => ({ ...d, description }));
          }}
          error={errors.description}
          readOnly={readOnly}
        />
      </Stack>
    </Section>
  );
}
