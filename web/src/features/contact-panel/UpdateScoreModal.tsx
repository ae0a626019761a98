import { Button, Group, Modal, NumberInput, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import type { Score, Tier } from '../../api/types.ts';
import { TierBadge } from '../../ui/ScoreBadge.tsx';
import { scoreText, signed } from '../../ui/format.ts';
import { notifyError, notifySuccess } from '../../ui/notify.ts';
import { useAdjustScore } from './queries.ts';

type Mode = 'delta' | 'set';
type Direction = 'add' | 'subtract';

interface Bounds {
  minScore: number | null;
  maxScore: number | null;
  tiers: readonly Tier[];
}

function clamp(raw: number, { minScore, maxScore }: Bounds): number {
  let value = raw;
  if (minScore !== null && value < minScore) value = minScore;
  if (maxScore !== null && value > maxScore) value = maxScore;
  return value;
}

function tierOf(score: number, tiers: readonly Tier[]): string | undefined {
  return tiers.find((t) => t.minScore === null || score >= t.minScore)?.name;
}

const asInt = (value: number | string): number | null =>
  typeof value === 'number' && Number.isInteger(value) ? value : null;

/** Update score: add or subtract points, or set an exact score, with a note for the history. */
export function UpdateScoreModal({
  opened,
  onClose,
  contactId,
  contactName,
  profileId,
  score,
  bounds,
}: {
  opened: boolean;
  onClose: () => void;
  contactId: string;
  contactName: string;
  profileId: string;
  score: Score;
  bounds: Bounds;
}) {
  const [mode, setMode] = useState<Mode>('delta');
  const [direction, setDirection] = useState<Direction>('add');
  const [points, setPoints] = useState<number | string>('');
  const [target, setTarget] = useState<number | string>(score.score);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<{ points?: string; target?: string; note?: string }>({});
  const adjust = useAdjustScore(contactId, profileId);

  // A fresh form each time it opens, starting from the score at that moment; a score refreshed while
  // it is open (the panel refetches) must not wipe what is being typed.
  const currentScore = useRef(score.score);
  currentScore.current = score.score;
  useEffect(() => {
    if (!opened) return;
    setMode('delta');
    setDirection('add');
    setPoints('');
    setTarget(currentScore.current);
    setNote('');
    setErrors({});
  }, [opened]);

  const pointsValue = asInt(points);
  const targetValue = asInt(target);
  const delta =
    mode === 'delta'
      ? pointsValue === null
        ? null
        : direction === 'add'
          ? pointsValue
          : -pointsValue
      : targetValue === null
        ? null
        : targetValue - score.raw;
  const result = delta === null ? null : clamp(score.raw + delta, bounds);
  const resultTier = result === null ? undefined : tierOf(result, bounds.tiers);

  function submit(event: FormEvent) {
    event.preventDefault();
    const found: typeof errors = {};
    if (mode === 'delta' && (pointsValue === null || pointsValue <= 0))
      found.points = 'Enter a whole number of points above 0';
    if (mode === 'set' && targetValue === null) found.target = 'Enter the new score as a whole number';
    setErrors(found);
    if (Object.keys(found).length) return;
    const trimmed = note.trim();
    const body =
      mode === 'delta'
        ? { delta: delta as number, ...(trimmed ? { note: trimmed } : {}) }
        : { set: targetValue as number, ...(trimmed ? { note: trimmed } : {}) };
    adjust.mutate(body, {
      onSuccess: (next) => {
        notifySuccess(`${contactName}'s score is now ${scoreText(next.score)} (${next.tier.name})`);
        onClose();
      },
      onError: (error) => {
        if (error instanceof ApiError && error.details.length) {
          const fieldErrors: typeof errors = {};
          for (const d of error.details) {
            const field = d.path.split('.')[0];
            if (field === 'note') fieldErrors.note = d.message;
            else if (mode === 'delta') fieldErrors.points = d.message;
            else fieldErrors.target = d.message;
          }
          setErrors(fieldErrors);
        } else notifyError(error, 'The score was not updated');
      },
    });
  }

  return (
    <Modal opened={opened} onClose={onClose} title="Update score" centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {contactName} has {scoreText(score.score)} points ({score.tier.name}). Adjustments stay with the
            contact on this profile, also after the rules change, and appear in the score history.
          </Text>
          <SegmentedControl
            aria-label="Kind of change"
            fullWidth
            value={mode}
            onChange={(value) => {
              setMode(value as Mode);
              setErrors({});
            }}
            data={[
              { value: 'delta', label: 'Add or subtract' },
              { value: 'set', label: 'Set to' },
            ]}
          />
          {mode === 'delta' ? (
            <Group align="flex-start" gap="sm" wrap="nowrap">
              <SegmentedControl
                aria-label="Direction"
                value={direction}
                onChange={(value) => setDirection(value as Direction)}
                color={direction === 'add' ? 'teal.9' : 'red.9'}
                mt={25}
                data={[
                  { value: 'add', label: 'Add' },
                  { value: 'subtract', label: 'Subtract' },
                ]}
              />
              <NumberInput
                label="Points"
                placeholder="10"
                min={1}
                max={1_000_000_000}
                clampBehavior="strict"
                thousandSeparator
                allowDecimal={false}
                allowNegative={false}
                value={points}
                onChange={setPoints}
                error={errors.points}
                data-autofocus
                style={{ flex: 1 }}
              />
            </Group>
          ) : (
            <NumberInput
              label="New score"
              description="Tally records the difference as an adjustment, so the score reads this right after."
              allowDecimal={false}
              min={-1_000_000_000}
              max={1_000_000_000}
              clampBehavior="strict"
              thousandSeparator
              value={target}
              onChange={setTarget}
              error={errors.target}
              data-autofocus
            />
          )}
          <Textarea
            label="Note"
            description="Why? It is shown in the score history."
            placeholder="e.g. Called — ready to buy next month"
            autosize
            minRows={2}
            maxRows={5}
            maxLength={1000}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={errors.note}
          />
          <Group
            justify="space-between"
            gap="xs"
            p="xs"
            bg="var(--mantine-color-default-hover)"
            style={{ borderRadius: 'var(--mantine-radius-md)' }}
            aria-live="polite"
          >
            <Text size="sm" c="dimmed">
              New score
            </Text>
            {result === null ? (
              <Text size="sm">—</Text>
            ) : (
              <Group gap={8}>
                <Text size="sm" fw={600}>
                  {scoreText(result)}
                  {delta !== null && delta !== 0 && (
                    <Text span c="dimmed" fw={400}>
                      {' '}
                      ({signed(result - score.score)})
                    </Text>
                  )}
                </Text>
                {resultTier && <TierBadge tier={resultTier} tiers={bounds.tiers} />}
              </Group>
            )}
          </Group>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={adjust.isPending}>
              Save score
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
