import { Button, Group, Text, ThemeIcon } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconListDetails, IconPlus } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import type { RuleInput } from '../../../api/types.ts';
import { EmptyState } from '../../../ui/QueryState.tsx';
import { RuleFormModal } from '../rule-form/RuleFormModal.tsx';
import { describeRuleSentence } from '../rule-sentences.ts';
import { useUserNames } from '../use-user-names.ts';
import { RuleRow } from './RuleRow.tsx';
import { Section } from './Section.tsx';
import { type DraftRule, canonicalRule, newRuleId, ruleErrorsOf } from './draft.ts';
import type { EditorState } from './use-editor-draft.ts';

const MAX_RULES = 100;

type Editing = { index: number | null } | null;

const FIELD_NAMES: Record<string, string> = {
  points: 'Points',
  days: 'Days',
  eventType: 'Event type',
  maxTimes: 'Count at most',
  expiresAfterDays: 'Expires after',
  description: 'Description',
  'when.field': 'Field',
  'when.op': 'Operator',
  'when.value': 'Value',
};

/** "Points: must not be zero. Condition 2 value: must be a number." */
function problemText(problems: Record<string, string>): string {
  return Object.entries(problems)
    .map(([path, message]) => {
      const condition = /^where\.(\d+)\.(\w+)$/.exec(path);
      const name = condition
        ? `Condition ${Number(condition[1]) + 1} ${condition[2]}`
        : (FIELD_NAMES[path] ?? path);
      const text = message.charAt(0).toLowerCase() + message.slice(1);
      return `${name ? `${name}: ` : ''}${text.replace(/\.$/, '')}.`;
    })
    .join(' ');
}

export function RulesSection({ editor, readOnly }: { editor: EditorState; readOnly: boolean }) {
  const { draft, base, setDraft, errors } = editor;
  const [editing, setEditing] = useState<Editing>(null);
  const userName = useUserNames();
  const ruleErrors = useMemo(() => ruleErrorsOf(errors), [errors]);
  const rules = draft.rules;
  const editingRule = editing?.index !== null && editing ? rules[editing.index] : undefined;
  const editingErrors = editing?.index !== null && editing ? ruleErrors.get(editing.index) : undefined;

  const changeOf = (rule: DraftRule): 'new' | 'edited' | null => {
    const before = base.rules.find((r) => r.id === rule.id);
    if (!before) return 'new';
    return JSON.stringify(canonicalRule(before)) === JSON.stringify(canonicalRule(rule)) ? null : 'edited';
  };

  const submit = (input: RuleInput) => {
    const index = editing?.index ?? null;
    setDraft((d) => {
      if (index === null) return { ...d, rules: [...d.rules, { ...input, id: newRuleId() } as DraftRule] };
      const id = d.rules[index]?.id ?? newRuleId();
      return { ...d, rules: d.rules.map((r, i) => (i === index ? ({ ...input, id } as DraftRule) : r)) };
    });
    setEditing(null);
  };

  const duplicate = (index: number) =>
    setDraft((d) => {
      const rule = d.rules[index];
      if (!rule) return d;
      const copy = { ...structuredClone(rule), id: newRuleId() };
      return { ...d, rules: [...d.rules.slice(0, index + 1), copy, ...d.rules.slice(index + 1)] };
    });

  const remove = (index: number) => {
    const rule = rules[index];
    if (!rule) return;
    modals.openConfirmModal({
      title: 'Delete this rule?',
      children: (
        <Text size="sm">
          “{describeRuleSentence(rule, { userName })}” is removed from the draft. Contacts keep their scores
          until you save and publish.
        </Text>
      ),
      labels: { confirm: 'Delete rule', cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      onConfirm: () => setDraft((d) => ({ ...d, rules: d.rules.filter((_, i) => i !== index) })),
    });
  };

  const full = rules.length >= MAX_RULES;
  return (
    <Section
      id="profile-rules"
      title="Rules"
      description="Each rule adds or subtracts points. A contact's score is the sum of every rule, kept within the score range."
      actions={
        !readOnly && (
          <Button
            leftSection={<IconPlus size={16} />}
            onClick={() => setEditing({ index: null })}
            disabled={full}
            variant="light"
          >
            Add new rule
          </Button>
        )
      }
    >
      {rules.length === 0 ? (
        <EmptyState
          title="No rules yet"
          icon={
            <ThemeIcon size={44} radius="xl" variant="light" color="gray">
              <IconListDetails size={24} />
            </ThemeIcon>
          }
        >
          {readOnly
            ? 'This profile has no rules, so every contact scores the floor.'
            : 'Add rules for what matters: points for clicks, forms and payments, and fewer for silence or DND.'}
        </EmptyState>
      ) : (
        <ul style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label="Rules">
          {rules.map((rule, index) => {
            const problems = ruleErrors.get(index);
            return (
              <RuleRow
                key={rule.id}
                rule={rule}
                index={index}
                change={changeOf(rule)}
                problem={problems ? `${problemText(problems)} Edit the rule to fix it.` : undefined}
                readOnly={readOnly}
                userName={userName}
                onEdit={() => setEditing({ index })}
                onDuplicate={() => duplicate(index)}
                onDelete={() => remove(index)}
              />
            );
          })}
        </ul>
      )}
      {full && !readOnly && (
        <Group mt="sm">
          <Text size="xs" c="dimmed">
            A profile holds at most {MAX_RULES} rules.
          </Text>
        </Group>
      )}
      {errors.rules && (
        <Text size="sm" c="red" mt="sm">
          {errors.rules}
        </Text>
      )}
      <RuleFormModal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        rule={editingRule}
        serverErrors={editingErrors}
        onSubmit={submit}
      />
    </Section>
  );
}
