import { ActionIcon, Autocomplete, Button, Group, Paper, Select, Stack, Text, Tooltip } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { NUMERIC_PROPERTIES, USUAL_PROPERTIES, propertyLabel } from '../catalogue.ts';
import { ValueInput } from './ValueInput.tsx';
import { type ConditionValues, type FormErrors, type Op, emptyCondition } from './form-values.ts';
import { ALL_OPS, OP_LABELS, isNumericOp } from './ops.ts';

const MAX_CONDITIONS = 10;

interface Props {
  eventType: string | null;
  conditions: ConditionValues[];
  onChange: (conditions: ConditionValues[]) => void;
  errors: FormErrors;
}

/** "Only count events where…": property, operator and a value input that fits the operator. */
export function ConditionsBuilder({ eventType, conditions, onChange, errors }: Props) {
  const suggestions = (eventType && USUAL_PROPERTIES[eventType]) || [];
  const update = (index: number, change: Partial<ConditionValues>) =>
    onChange(conditions.map((c, i) => (i === index ? { ...c, ...change } : c)));
  const remove = (index: number) => onChange(conditions.filter((_, i) => i !== index));
  const setOp = (index: number, op: Op) => {
    const c = conditions[index];
    if (!c) return;
    const change: Partial<ConditionValues> = { op };
    // Carry the value across: one text ↔ a list of one.
    if (op === 'in' && c.op !== 'in' && c.text) change.list = [c.text];
    if (op !== 'in' && c.op === 'in' && c.list[0]) change.text = c.list[0];
    if (isNumericOp(op) && Number.isNaN(Number(c.text))) change.text = '';
    update(index, change);
  };

  return (
    <Stack gap="xs">
      <div>
        <Text size="sm" fw={500}>
          Conditions
        </Text>
        <Text size="xs" c="dimmed">
          {conditions.length
            ? 'Only events whose properties match every condition count.'
            : 'Every event of this type counts. Add a condition to count only some of them.'}
        </Text>
      </div>
      {conditions.map((c, i) => {
        const name = `Condition ${i + 1}`;
        return (
          <Paper
            key={c.key}
            component="fieldset"
            withBorder
            p="xs"
            m={0}
            radius="md"
            aria-label={name}
            style={{ minWidth: 0 }}
          >
            <Stack gap="xs">
              <Group gap="xs" align="flex-start" wrap="nowrap">
                <Autocomplete
                  label="Property"
                  aria-label={`${name} property`}
                  placeholder="e.g. url"
                  data={suggestions.map((p) => ({ value: p, label: p }))}
                  renderOption={({ option }) => (
                    <Group gap={6} wrap="nowrap">
                      <Text size="sm">{option.value}</Text>
                      <Text size="xs" c="dimmed">
                        {propertyLabel(option.value)}
                      </Text>
                    </Group>
                  )}
                  value={c.subject}
                  onChange={(subject) =>
                    update(i, {
                      subject,
                      ...(c.text === '' &&
                        c.list.length === 0 && {
                          valueType: NUMERIC_PROPERTIES.has(subject) ? 'number' : 'text',
                        }),
                    })
                  }
                  error={errors[`where.${i}.property`]}
                  style={{ flex: 1, minWidth: 0 }}
                />
                <Select
                  label="Operator"
                  aria-label={`${name} operator`}
                  data={ALL_OPS.map((value) => ({ value, label: OP_LABELS[value] }))}
                  value={c.op}
                  onChange={(v) => v && setOp(i, v as Op)}
                  allowDeselect={false}
                  error={errors[`where.${i}.op`]}
                  style={{ flex: '0 1 170px', minWidth: 0 }}
                />
                <Tooltip label="Remove condition">
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    size="lg"
                    mt={25}
                    aria-label={`Remove condition ${i + 1}`}
                    onClick={() => remove(i)}
                  >
                    <IconTrash size={18} />
                  </ActionIcon>
                </Tooltip>
              </Group>
              <Group pr={42} wrap="nowrap">
                <ValueInput
                  condition={c}
                  onChange={(change) => update(i, change)}
                  name={name}
                  error={errors[`where.${i}.value`]}
                />
              </Group>
            </Stack>
          </Paper>
        );
      })}
      {errors.where && (
        <Text size="xs" c="red">
          {errors.where}
        </Text>
      )}
      <Group>
        <Button
          variant="light"
          size="xs"
          leftSection={<IconPlus size={14} />}
          onClick={() => onChange([...conditions, emptyCondition(suggestions[0] ?? '')])}
          disabled={conditions.length >= MAX_CONDITIONS}
        >
          Add condition
        </Button>
        {conditions.length >= MAX_CONDITIONS && (
          <Text size="xs" c="dimmed">
            A rule has at most {MAX_CONDITIONS} conditions.
          </Text>
        )}
      </Group>
    </Stack>
  );
}
