import { Group, Input, NumberInput, SegmentedControl } from '@mantine/core';
import type { FormErrors, RuleFormValues } from './form-values.ts';

interface Props {
  values: RuleFormValues;
  set: (change: Partial<RuleFormValues>) => void;
  errors: FormErrors;
}

const POINTS_HINT: Record<RuleFormValues['kind'], string> = {
  event: 'For each matching event',
  inactivity: 'For each stretch of silence that long',
  state: 'While the condition holds',
};

/** Add / Subtract and a positive number, so nobody has to type a minus sign. */
export function PointsField({ values, set, errors }: Props) {
  return (
    <Input.Wrapper label="Score change" labelElement="div" description={POINTS_HINT[values.kind]}>
      <Group gap="sm" mt={6} align="flex-start" wrap="nowrap">
        <SegmentedControl
          aria-label="Add or subtract"
          data={[
            { value: 'add', label: 'Add' },
            { value: 'subtract', label: 'Subtract' },
          ]}
          value={values.direction}
          onChange={(v) => set({ direction: v === 'subtract' ? 'subtract' : 'add' })}
          color={values.direction === 'subtract' ? 'red.8' : 'teal.9'}
        />
        <NumberInput
          aria-label="Points"
          placeholder="10"
          min={1}
          max={10000}
          allowDecimal={false}
          allowNegative={false}
          suffix=" points"
          value={values.points}
          onChange={(points) => set({ points })}
          error={errors.points}
          style={{ flex: 1, maxWidth: 200 }}
        />
      </Group>
    </Input.Wrapper>
  );
}
