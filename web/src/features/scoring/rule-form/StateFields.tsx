import { Group, Select, Stack, TextInput } from '@mantine/core';
import { useUsers } from '../../../api/queries.ts';
import { contactFieldOptions } from '../catalogue.ts';
import { ValueInput } from './ValueInput.tsx';
import {
  type ConditionValues,
  type FormErrors,
  type Op,
  type RuleFormValues,
  emptyCondition,
} from './form-values.ts';
import { stateOps } from './ops.ts';

const FIELD_OPTIONS = contactFieldOptions();

/** A fresh condition that suits the field: DND on, has the tag, has an email… */
export function conditionForField(field: string): ConditionValues {
  const c = emptyCondition();
  if (field.startsWith('dnd.')) return { ...c, op: 'eq', valueType: 'boolean', flag: 'true' };
  if (field === 'tags') return { ...c, op: 'contains' };
  if (field === 'email' || field === 'phone') return { ...c, op: 'exists', flag: 'true' };
  return { ...c, op: 'eq' };
}

/** How "exists" reads for each contact field (the workflow conditions builder uses them too). */
export const EXISTS_LABELS: Record<string, [string, string]> = {
  tags: ['has at least one tag', 'has no tags'],
  email: ['has an email address', 'has no email address'],
  phone: ['has a phone number', 'has no phone number'],
  assignedTo: ['is assigned to someone', 'is unassigned'],
};

interface Props {
  values: RuleFormValues;
  set: (change: Partial<RuleFormValues>) => void;
  errors: FormErrors;
}

export function StateFields({ values, set, errors }: Props) {
  const field = values.field ?? '';
  const when = values.when;
  const users = useUsers();
  const setWhen = (change: Partial<ConditionValues>) => set({ when: { ...when, ...change } });
  const isDnd = field.startsWith('dnd.');
  const dndOn = (when.op === 'eq') === (when.flag === 'true');
  const userChoices = (users.data ?? []).map((u) => ({ value: u.id, label: u.name }));

  return (
    <Stack gap="sm">
      <Group gap="sm" align="flex-start" grow preventGrowOverflow={false} wrap="wrap">
        <Select
          label="Field"
          description="The contact attribute to test"
          data={FIELD_OPTIONS}
          value={values.field}
          onChange={(next) => next && set({ field: next, when: conditionForField(next) })}
          allowDeselect={false}
          error={values.field === 'fields' ? undefined : errors['when.field']}
          style={{ flex: '1 1 200px' }}
        />
        {field === 'fields' && (
          <TextInput
            label="Custom key"
            description="As stored in the contact's fields, e.g. plan"
            placeholder="plan"
            value={values.fieldKey}
            onChange={(e) => set({ fieldKey: e.currentTarget.value })}
            error={errors['when.field']}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            style={{ flex: '1 1 200px' }}
          />
        )}
      </Group>
      {isDnd ? (
        <Select
          label="While DND is"
          data={[
            { value: 'on', label: 'On' },
            { value: 'off', label: 'Off' },
          ]}
          value={dndOn ? 'on' : 'off'}
          onChange={(v) => setWhen({ op: 'eq', valueType: 'boolean', flag: v === 'off' ? 'false' : 'true' })}
          allowDeselect={false}
          error={errors['when.value'] ?? errors['when.op']}
          maw={240}
        />
      ) : (
        <Group gap="sm" align="flex-start" wrap="wrap">
          <Select
            label="Operator"
            data={stateOps(field)}
            value={when.op}
            onChange={(op) => {
              if (!op) return;
              const change: Partial<ConditionValues> = { op: op as Op };
              if (op === 'in' && when.text) change.list = [when.text];
              setWhen(change);
            }}
            allowDeselect={false}
            error={errors['when.op']}
            style={{ flex: '1 1 180px' }}
          />
          <div style={{ flex: '2 1 240px', minWidth: 0, display: 'flex' }}>
            <ValueInput
              condition={when}
              onChange={setWhen}
              name="Condition"
              error={errors['when.value']}
              choices={field === 'assignedTo' ? userChoices : undefined}
              existsLabels={EXISTS_LABELS[field]}
              withType={field.startsWith('fields.') || field === 'fields'}
            />
          </div>
        </Group>
      )}
    </Stack>
  );
}
