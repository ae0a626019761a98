import { Group, NumberInput, Select, TagsInput, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';
import type { ConditionValues, ValueType } from './form-values.ts';
import { isNumericOp, isTypedOp } from './ops.ts';

const TYPE_OPTIONS = [
  { value: 'text', label: 'Text' },
  { value: 'number', label: 'Number' },
  { value: 'boolean', label: 'True / false' },
];

interface Props {
  condition: ConditionValues;
  onChange: (change: Partial<ConditionValues>) => void;
  /** Accessible name prefix, e.g. "Condition 2". */
  name: string;
  error?: string;
  disabled?: boolean;
  /** Options to pick the value from (users for assignedTo); free text otherwise. */
  choices?: { value: string; label: string }[];
  existsLabels?: [string, string];
  withType?: boolean;
}

/** The value of a condition: a list for "in", a number for comparisons, yes/no for "exists". */
export function ValueInput({
  condition: c,
  onChange,
  name,
  error,
  disabled,
  choices,
  existsLabels = ['is set', 'is not set'],
  withType = true,
}: Props) {
  const label = 'Value';
  const aria = `${name} value`;
  if (c.op === 'exists')
    return (
      <Select
        label={label}
        aria-label={aria}
        data={[
          { value: 'true', label: existsLabels[0] },
          { value: 'false', label: existsLabels[1] },
        ]}
        value={c.flag}
        onChange={(v) => onChange({ flag: v === 'false' ? 'false' : 'true' })}
        allowDeselect={false}
        error={error}
        disabled={disabled}
        style={{ flex: 1 }}
      />
    );
  if (isNumericOp(c.op))
    return (
      <NumberInput
        label={label}
        aria-label={aria}
        value={c.text === '' ? '' : Number(c.text)}
        onChange={(v) => onChange({ text: v === '' ? '' : String(v) })}
        error={error}
        disabled={disabled}
        placeholder="0"
        style={{ flex: 1 }}
      />
    );
  const typePicker = withType && isTypedOp(c.op) && !choices && (
    <Select
      label="Compare as"
      aria-label={`${name} compare as`}
      data={c.op === 'in' ? TYPE_OPTIONS.slice(0, 2) : TYPE_OPTIONS}
      value={c.op === 'in' && c.valueType === 'boolean' ? 'text' : c.valueType}
      onChange={(v) => onChange({ valueType: (v as ValueType) ?? 'text' })}
      allowDeselect={false}
      disabled={disabled}
      style={{ flex: '0 0 128px' }}
    />
  );
  const common = { label, 'aria-label': aria, error, disabled, style: { flex: '1 1 170px', minWidth: 0 } };
  let input: ReactNode;
  if (c.op === 'in')
    input = (
      <TagsInput
        {...common}
        description={choices ? undefined : 'Press Enter after each value'}
        data={choices}
        value={c.list}
        onChange={(list) => onChange({ list })}
        placeholder={c.list.length ? undefined : choices ? 'Choose…' : 'Add values'}
        clearable
      />
    );
  else if (c.op !== 'contains' && c.valueType === 'boolean')
    input = (
      <Select
        {...common}
        data={['true', 'false']}
        value={c.flag}
        onChange={(v) => onChange({ flag: v === 'false' ? 'false' : 'true' })}
        allowDeselect={false}
      />
    );
  else if (choices)
    input = (
      <Select
        {...common}
        data={choices}
        value={c.text || null}
        onChange={(v) => onChange({ text: v ?? '' })}
        searchable
        placeholder="Choose…"
      />
    );
  else if (c.op !== 'contains' && c.valueType === 'number')
    input = (
      <NumberInput
        {...common}
        value={c.text === '' ? '' : Number(c.text)}
        onChange={(v) => onChange({ text: v === '' ? '' : String(v) })}
      />
    );
  else
    input = (
      <TextInput {...common} value={c.text} onChange={(e) => onChange({ text: e.currentTarget.value })} />
    );
  return (
    <Group gap="xs" align="flex-end" wrap="wrap" style={{ flex: 1, minWidth: 0 }}>
      {typePicker}
      {input}
    </Group>
  );
}
