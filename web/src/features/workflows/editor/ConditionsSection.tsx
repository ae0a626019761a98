import {
  ActionIcon,
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useUsers } from '../../../api/queries.ts';
import { contactFieldOptions } from '../../scoring/catalogue.ts';
import { Section } from '../../scoring/editor/Section.tsx';
import { EXISTS_LABELS, conditionForField } from '../../scoring/rule-form/StateFields.tsx';
import { ValueInput } from '../../scoring/rule-form/ValueInput.tsx';
import type { ConditionValues, Op } from '../../scoring/rule-form/form-values.ts';
import { stateOps } from '../../scoring/rule-form/ops.ts';
import { type ConditionDraft, MAX_CONDITIONS, SCORE_FIELD, type ScoreOp, emptyCondition } from './draft.ts';
import type { WorkflowEditorState } from './use-workflow-draft.ts';

const FIELD_OPTIONS = [
  { group: 'Score', items: [{ value: SCORE_FIELD, label: 'New score' }] },
  ...contactFieldOptions(),
];

const SCORE_OPS: { value: ScoreOp; label: string }[] = [
  { value: 'gte', label: 'is at least' },
  { value: 'gt', label: 'is over' },
  { value: 'lte', label: 'is at most' },
  { value: 'lt', label: 'is under' },
  { value: 'eq', label: 'is' },
  { value: 'neq', label: 'is not' },
];

interface RowProps {
  index: number;
  condition: ConditionDraft;
  onChange: (change: Partial<ConditionDraft>) => void;
  onRemove: () => void;
  errors: Record<string, string>;
  readOnly: boolean;
  userChoices: { value: string; label: string }[];
}

/** One condition: the new score against a number, or a contact attribute as state rules test it. */
function ConditionRow({ index, condition: c, onChange, onRemove, errors, readOnly, userChoices }: RowProps) {
  const name = `Condition ${index + 1}`;
  const path = `conditions.${index}`;
  const field = c.field ?? '';
  const setWhen = (change: Partial<ConditionValues>) => onChange({ when: { ...c.when, ...change } });
  const isDnd = field.startsWith('dnd.');
  const dndOn = (c.when.op === 'eq') === (c.when.flag === 'true');
  const flex = { flex: '1 1 180px', minWidth: 0 };
  let test: React.ReactNode;
  if (field === SCORE_FIELD)
    test = (
      <>
        <Select
          label="Operator"
          aria-label={`${name} operator`}
          data={SCORE_OPS}
          value={c.scoreOp}
          onChange={(op) => op && onChange({ scoreOp: op as ScoreOp })}
          allowDeselect={false}
          error={errors[`${path}.op`]}
          readOnly={readOnly}
          style={flex}
        />
        <NumberInput
          label="Score"
          aria-label={`${name} score`}
          value={c.scoreValue}
          onChange={(scoreValue) => onChange({ scoreValue })}
          allowDecimal={false}
          error={errors[`${path}.value`]}
          readOnly={readOnly}
          style={flex}
        />
      </>
    );
  else if (isDnd)
    test = (
      <Select
        label="DND is"
        aria-label={`${name} DND is`}
        data={[
          { value: 'on', label: 'On' },
          { value: 'off', label: 'Off' },
        ]}
        value={dndOn ? 'on' : 'off'}
        onChange={(v) => setWhen({ op: 'eq', valueType: 'boolean', flag: v === 'off' ? 'false' : 'true' })}
        allowDeselect={false}
        error={errors[`${path}.value`] ?? errors[`${path}.op`]}
        readOnly={readOnly}
        style={flex}
      />
    );
  else
    test = (
      <>
        <Select
          label="Operator"
          aria-label={`${name} operator`}
          data={stateOps(field)}
          value={c.when.op}
          onChange={(op) => {
            if (!op) return;
            const change: Partial<ConditionValues> = { op: op as Op };
            if (op === 'in' && c.when.text) change.list = [c.when.text];
            setWhen(change);
          }}
          allowDeselect={false}
          error={errors[`${path}.op`]}
          readOnly={readOnly}
          style={flex}
        />
        <div style={{ flex: '2 1 240px', minWidth: 0, display: 'flex' }}>
          <ValueInput
            condition={c.when}
            onChange={setWhen}
            name={name}
            error={errors[`${path}.value`]}
            disabled={readOnly}
            choices={field === 'assignedTo' ? userChoices : undefined}
            existsLabels={EXISTS_LABELS[field]}
            withType={field === 'fields'}
          />
        </div>
      </>
    );
  return (
    <Paper component="fieldset" withBorder p="xs" m={0} radius="md" aria-label={name} style={{ minWidth: 0 }}>
      <Group gap="xs" align="flex-start" wrap="nowrap">
        <Group gap="xs" align="flex-start" wrap="wrap" style={{ flex: 1, minWidth: 0 }}>
          <Select
            label="Field"
            aria-label={`${name} field`}
            data={FIELD_OPTIONS}
            value={c.field}
            onChange={(next) =>
              next &&
              onChange(
                next === SCORE_FIELD ? { field: next } : { field: next, when: conditionForField(next) },
              )
            }
            allowDeselect={false}
            error={c.field === 'fields' ? undefined : errors[`${path}.field`]}
            readOnly={readOnly}
            style={flex}
          />
          {field === 'fields' && (
            <TextInput
              label="Custom key"
              aria-label={`${name} custom key`}
              placeholder="plan"
              value={c.fieldKey}
              onChange={(e) => onChange({ fieldKey: e.currentTarget.value })}
              error={errors[`${path}.field`]}
              readOnly={readOnly}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              style={flex}
            />
          )}
          {test}
        </Group>
        {!readOnly && (
          <Tooltip label="Remove condition">
            <ActionIcon
              variant="subtle"
              color="gray"
              size="lg"
              mt={25}
              aria-label={`Remove condition ${index + 1}`}
              onClick={onRemove}
            >
              <IconTrash size={18} />
            </ActionIcon>
          </Tooltip>
        )}
      </Group>
    </Paper>
  );
}

/** Conditions that must all hold, on the new score or on the contact, for the actions to run. */
export function ConditionsSection({ editor, readOnly }: { editor: WorkflowEditorState; readOnly: boolean }) {
  const { draft, setDraft, errors } = editor;
  const users = useUsers();
  const userChoices = (users.data ?? []).map((u) => ({ value: u.id, label: u.name }));
  const update = (index: number, change: Partial<ConditionDraft>) =>
    setDraft((d) => ({
      ...d,
      conditions: d.conditions.map((c, i) => (i === index ? { ...c, ...change } : c)),
    }));
  const remove = (index: number) =>
    setDraft((d) => ({ ...d, conditions: d.conditions.filter((_, i) => i !== index) }));
  return (
    <Section
      id="workflow-conditions"
      title="Conditions"
      description={
        draft.conditions.length
          ? 'The actions run only for contacts that meet every condition.'
          : 'Every contact whose score triggers the workflow gets the actions. Add a condition to narrow it down.'
      }
    >
      <Stack gap="xs">
        {draft.conditions.map((c, i) => (
          <ConditionRow
            key={c.key}
            index={i}
            condition={c}
            onChange={(change) => update(i, change)}
            onRemove={() => remove(i)}
            errors={errors}
            readOnly={readOnly}
            userChoices={userChoices}
          />
        ))}
        {errors.conditions && (
          <Text size="xs" c="red">
            {errors.conditions}
          </Text>
        )}
        {!readOnly && (
          <Group>
            <Button
              variant="light"
              size="xs"
              leftSection={<IconPlus size={14} />}
              onClick={() => setDraft((d) => ({ ...d, conditions: [...d.conditions, emptyCondition()] }))}
              disabled={draft.conditions.length >= MAX_CONDITIONS}
            >
              Add condition
            </Button>
          </Group>
        )}
        {readOnly && draft.conditions.length === 0 && (
          <Text size="sm" c="dimmed">
            No conditions.
          </Text>
        )}
      </Stack>
    </Section>
  );
}
