import { NumberInput, Stack, Switch, Text } from '@mantine/core';
import type { FormErrors, RuleFormValues } from './form-values.ts';

interface Props {
  values: RuleFormValues;
  set: (change: Partial<RuleFormValues>) => void;
  errors: FormErrors;
}

export function InactivityFields({ values, set, errors }: Props) {
  const days = typeof values.days === 'number' ? values.days : 'N';
  return (
    <Stack gap="sm">
      <NumberInput
        label="Days"
        description="How long a contact goes without any interaction"
        min={1}
        max={3650}
        allowDecimal={false}
        allowNegative={false}
        value={values.days}
        onChange={(v) => set({ days: v })}
        error={errors.days}
        maw={240}
      />
      <div>
        <Switch
          label="Repeat while the silence lasts"
          checked={values.repeat}
          onChange={(e) => set({ repeat: e.currentTarget.checked })}
        />
        <Text size="xs" c="dimmed" mt={4} ml={50}>
          {values.repeat
            ? `Applies again for every further ${days} days of the same silence.`
            : `Applies once per silence of ${days} days or more; the change stays when the contact comes back.`}
        </Text>
      </div>
    </Stack>
  );
}
