import {
  Alert,
  Button,
  Divider,
  Group,
  Modal,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconAlertTriangle } from '@tabler/icons-react';
import { type FormEvent, useEffect, useState } from 'react';
import type { RuleInput } from '../../../api/types.ts';
import { PointsBadge } from '../PointsBadge.tsx';
import { ruleSentence } from '../rule-sentences.ts';
import { useUserNames } from '../use-user-names.ts';
import { EventFields } from './EventFields.tsx';
import { InactivityFields } from './InactivityFields.tsx';
import { PointsField } from './PointsField.tsx';
import { StateFields } from './StateFields.tsx';
import {
  type FormErrors,
  type Kind,
  type RuleFormValues,
  emptyValues,
  ruleOf,
  valuesOf,
} from './form-values.ts';

const KINDS: { value: Kind; label: string; explanation: string }[] = [
  {
    value: 'event',
    label: 'Event',
    explanation: 'Points each time the contact does something, like clicking a link.',
  },
  {
    value: 'inactivity',
    label: 'Inactivity',
    explanation: 'Points when a contact goes a number of days without interacting.',
  },
  {
    value: 'state',
    label: 'Contact state',
    explanation: 'Points for as long as something about the contact holds, like DND being on.',
  },
];

interface Props {
  opened: boolean;
  onClose: () => void;
  /** The rule to edit; none to add a new one. */
  rule?: RuleInput;
  /** Errors the server reported for this rule, keyed by path within the rule. */
  serverErrors?: FormErrors;
  onSubmit: (rule: RuleInput) => void;
}

/** Add new rule / Edit rule: kind, what it matches, points and a description. */
export function RuleFormModal({ opened, onClose, rule, serverErrors, onSubmit }: Props) {
  const phone = useMediaQuery('(max-width: 36em)');
  const [values, setValues] = useState<RuleFormValues>(() => (rule ? valuesOf(rule) : emptyValues()));
  const [errors, setErrors] = useState<FormErrors>(serverErrors ?? {});
  const [tried, setTried] = useState(false);
  const userName = useUserNames();

  // Each opening starts from the rule (or a blank form) and the errors the server reported for it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: resets only when the modal opens
  useEffect(() => {
    if (!opened) return;
    setValues(rule ? valuesOf(rule) : emptyValues());
    setErrors(serverErrors ?? {});
    setTried(Boolean(serverErrors && Object.keys(serverErrors).length));
  }, [opened]);

  const set = (change: Partial<RuleFormValues>) => {
    const next = { ...values, ...change };
    setValues(next);
    if (tried) {
      const result = ruleOf(next);
      setErrors('errors' in result ? result.errors : {});
    }
  };
  // A new kind brings its usual direction (events add, silence and states mostly subtract), unless
  // the person already chose one.
  const setKind = (kind: Kind) => {
    const untouched = values.direction === emptyValues(values.kind).direction;
    set({ kind, ...(untouched && { direction: emptyValues(kind).direction }) });
  };

  const result = ruleOf(values);
  const preview = 'rule' in result ? ruleSentence(result.rule, { userName }) : null;
  const kind = KINDS.find((k) => k.value === values.kind);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if ('errors' in result) {
      setErrors(result.errors);
      return;
    }
    onSubmit(result.rule);
  };

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={rule ? 'Edit rule' : 'Add new rule'}
      size={680}
      fullScreen={phone}
      styles={{ title: { fontWeight: 650, fontSize: 'var(--mantine-font-size-lg)' } }}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {errors.form && (
            <Alert color="red" icon={<IconAlertTriangle size={18} />}>
              {errors.form}
            </Alert>
          )}
          <div>
            <Text size="sm" fw={500} mb={6} aria-hidden>
              Kind
            </Text>
            <SegmentedControl
              aria-label="Kind"
              fullWidth
              data={KINDS.map(({ value, label }) => ({ value, label }))}
              value={values.kind}
              onChange={(v) => setKind(v as Kind)}
            />
            <Text size="xs" c="dimmed" mt={6} aria-live="polite">
              {kind?.explanation}
            </Text>
          </div>
          {values.kind === 'event' && <EventFields values={values} set={set} errors={errors} />}
          {values.kind === 'inactivity' && <InactivityFields values={values} set={set} errors={errors} />}
          {values.kind === 'state' && <StateFields values={values} set={set} errors={errors} />}
          <PointsField values={values} set={set} errors={errors} />
          <Textarea
            label="Description"
            description="Optional: a note for your team on why this rule exists"
            autosize
            minRows={1}
            maxRows={4}
            value={values.description}
            onChange={(e) => set({ description: e.currentTarget.value })}
            error={errors.description}
          />
          <Divider />
          <Paper withBorder p="sm" radius="md" bg="var(--mantine-color-default-hover)">
            <Text size="xs" c="dimmed" fw={600} tt="uppercase" mb={4}>
              Preview
            </Text>
            {preview ? (
              <Group gap="xs" wrap="nowrap" align="flex-start">
                <PointsBadge points={'rule' in result ? result.rule.points : 0} />{' '}
                <Text size="sm">{preview.text}</Text>
              </Group>
            ) : (
              <Text size="sm" c="dimmed">
                Fill in the rule to see how it reads.
              </Text>
            )}
          </Paper>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit">{rule ? 'Save rule' : 'Add rule'}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
