import { ActionIcon, Button, Group, NumberInput, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { tierColor } from '../../../ui/tiers.ts';
import { Section } from '../editor/Section.tsx';
import { type DraftTier, localKey } from '../editor/draft.ts';
import type { EditorState } from '../editor/use-editor-draft.ts';
import { tierRange } from './tier-range.ts';

const MAX_TIERS = 10;

/** The last tier is the catch-all: it has no minimum. */
function withCatchAll(tiers: DraftTier[]): DraftTier[] {
  return tiers.map((t, i) => (i === tiers.length - 1 ? { ...t, minScore: null } : t));
}

function Swatch({ color, labelled }: { color: string; labelled: boolean }) {
  return (
    <span
      aria-hidden
      style={{
        width: 10,
        height: 10,
        borderRadius: 999,
        background: `var(--mantine-color-${color}-filled)`,
        flex: 'none',
        marginTop: labelled ? 37 : 12,
      }}
    />
  );
}

export function TiersSection({ editor, readOnly }: { editor: EditorState; readOnly: boolean }) {
  const { draft, setDraft, errors } = editor;
  const tiers = draft.tiers;
  const phone = useMediaQuery('(max-width: 48em)');
  const setTiers = (update: (tiers: DraftTier[]) => DraftTier[]) =>
    setDraft((d) => ({ ...d, tiers: withCatchAll(update(d.tiers)) }));
  const change = (index: number, patch: Partial<DraftTier>) =>
    setTiers((list) => list.map((t, i) => (i === index ? { ...t, ...patch } : t)));
  const move = (index: number, by: -1 | 1) =>
    setTiers((list) => {
      const next = [...list];
      const [item] = next.splice(index, 1);
      if (item) next.splice(index + by, 0, item);
      return next;
    });
  const add = () =>
    setTiers((list) => {
      // A new tier goes just above the catch-all, with a minimum below the tier above it.
      const above = list.length >= 2 ? list[list.length - 2]?.minScore : null;
      const fresh: DraftTier = {
        key: localKey(),
        name: '',
        minScore: typeof above === 'number' ? above - 10 : 0,
        action: '',
      };
      return [...list.slice(0, -1), fresh, ...list.slice(-1)];
    });

  return (
    <Section
      id="profile-tiers"
      title="Tiers"
      description="Highest first. A contact falls in the first tier whose minimum their score reaches; the last tier catches everyone else."
      actions={
        !readOnly && (
          <Button
            variant="light"
            leftSection={<IconPlus size={16} />}
            onClick={add}
            disabled={tiers.length >= MAX_TIERS}
          >
            Add tier
          </Button>
        )
      }
    >
      <Stack gap="sm" component="ol" style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label="Tiers">
        {tiers.map((tier, i) => {
          const last = i === tiers.length - 1;
          const n = i + 1;
          const labelled = i === 0 || Boolean(phone);
          const color = tierColor(
            tier.name || `#${i}`,
            tiers.map((t, j) => ({ name: t.name || `#${j}` })),
          );
          return (
            <Group
              key={tier.key}
              component="li"
              gap="xs"
              align="flex-start"
              wrap="wrap"
              pb={phone ? 'sm' : 0}
              style={
                phone && !last ? { borderBottom: '1px solid var(--mantine-color-default-border)' } : undefined
              }
            >
              <Swatch color={color} labelled={labelled} />
              <TextInput
                label={labelled ? 'Tier' : undefined}
                aria-label={`Tier ${n}`}
                placeholder="e.g. Hot"
                value={tier.name}
                onChange={(e) => change(i, { name: e.currentTarget.value })}
                error={errors[`tiers.${i}.name`]}
                readOnly={readOnly}
                maxLength={50}
                style={{ flex: '1 1 120px' }}
              />
              <NumberInput
                label={labelled ? 'Minimum score' : undefined}
                aria-label={`Tier ${n} minimum score`}
                value={last ? '' : (tier.minScore ?? '')}
                placeholder={last ? 'Everyone else' : 'e.g. 20'}
                onChange={(v) => change(i, { minScore: typeof v === 'number' ? v : null })}
                disabled={last}
                readOnly={readOnly}
                allowDecimal={false}
                // A section, not a prefix: a prefix lands after the minus sign of a negative number.
                leftSection={last ? undefined : <span aria-hidden>≥</span>}
                description={errors[`tiers.${i}.minScore`] ? undefined : (tierRange(tiers, i) ?? undefined)}
                inputWrapperOrder={['label', 'input', 'description', 'error']}
                error={errors[`tiers.${i}.minScore`]}
                style={{ flex: '0 1 140px' }}
              />
              <TextInput
                label={labelled ? 'Recommended action' : undefined}
                aria-label={`Tier ${n} recommended action`}
                placeholder="What your team should do"
                value={tier.action}
                onChange={(e) => change(i, { action: e.currentTarget.value })}
                error={errors[`tiers.${i}.action`]}
                readOnly={readOnly}
                maxLength={200}
                style={{ flex: '3 1 240px', marginLeft: phone ? 18 : 0 }}
              />
              {!readOnly && (
                <Group gap={2} wrap="nowrap" mt={labelled && !phone ? 25 : 0} ml={phone ? 'auto' : 0}>
                  <Tooltip label="Move up">
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      size="lg"
                      aria-label={`Move tier ${n} up`}
                      disabled={i === 0}
                      onClick={() => move(i, -1)}
                    >
                      <IconArrowUp size={16} />
                    </ActionIcon>
                  </Tooltip>
                  <Tooltip label="Move down">
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      size="lg"
                      aria-label={`Move tier ${n} down`}
                      disabled={last}
                      onClick={() => move(i, 1)}
                    >
                      <IconArrowDown size={16} />
                    </ActionIcon>
                  </Tooltip>
                  <Tooltip label="Remove tier">
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      size="lg"
                      aria-label={`Remove tier ${n}`}
                      disabled={tiers.length <= 1}
                      onClick={() => setTiers((list) => list.filter((_, j) => j !== i))}
                    >
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Tooltip>
                </Group>
              )}
            </Group>
          );
        })}
      </Stack>
      {errors.tiers && (
        <Text size="sm" c="red" mt="sm">
          {errors.tiers}
        </Text>
      )}
      <Text size="xs" c="dimmed" mt="sm">
        Minimums must go down from tier to tier, and names must be unique. Up to {MAX_TIERS} tiers.
      </Text>
    </Section>
  );
}
