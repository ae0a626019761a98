import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError } from '../../../api/client.ts';
import type { Workflow } from '../../../api/types.ts';
import { useCreateWorkflow, useSaveWorkflow } from '../api.ts';
import { type WorkflowDraft, draftOf, sameDraft, serverErrorsOf, workflowOf } from './draft.ts';

/**
 * The editor's local draft of a workflow and what saving it takes: POST /workflows for a new one,
 * one PATCH /workflows/{id} with everything for an existing one. While nothing is changed the draft
 * follows the server's copy (the list's switch, another tab); once edited it is kept until saved.
 */
export function useWorkflowDraft(workflow: Workflow | null, blank: () => WorkflowDraft) {
  const [base, setBase] = useState<WorkflowDraft>(() => (workflow ? draftOf(workflow) : blank()));
  const [draft, setDraftState] = useState<WorkflowDraft>(base);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [triedSave, setTriedSave] = useState(false);
  const create = useCreateWorkflow();
  const save = useSaveWorkflow(workflow?.id ?? '');
  const dirty = !sameDraft(draft, base);
  const dirtyRef = useRef(dirty);
  dirtyRef.current = dirty;

  const stamp = workflow ? `${workflow.id}:${workflow.updatedAt}:${workflow.enabled}` : '';
  // biome-ignore lint/correctness/useExhaustiveDependencies: follows the server copy by its stamp
  useEffect(() => {
    if (!workflow) return;
    const fresh = draftOf(workflow);
    setBase(fresh);
    if (!dirtyRef.current) setDraftState(fresh);
  }, [stamp]);

  const setDraft = useCallback((update: (d: WorkflowDraft) => WorkflowDraft) => {
    setDraftState(update);
    setServerErrors({});
  }, []);

  const result = useMemo(() => workflowOf(draft), [draft]);
  const errors = useMemo(
    () => ({ ...(triedSave && 'errors' in result ? result.errors : {}), ...serverErrors }),
    [result, serverErrors, triedSave],
  );

  const discard = useCallback(() => {
    setDraftState(base);
    setServerErrors({});
    setTriedSave(false);
  }, [base]);

  /** Saves; resolves the saved workflow, or null when there are errors to fix first. */
  const saveChanges = useCallback(async (): Promise<Workflow | null> => {
    setTriedSave(true);
    if ('errors' in result) return null;
    const sent = draft;
    try {
      const saved = workflow
        ? await save.mutateAsync(result.body)
        : await create.mutateAsync({
            ...result.body,
            ...(draft.applyToExisting ? { applyToExisting: true } : {}),
          });
      const fresh = draftOf(saved);
      setBase(fresh);
      setDraftState((current) => (sameDraft(current, sent) ? fresh : current));
      setTriedSave(false);
      return saved;
    } catch (error) {
      if (error instanceof ApiError && error.status === 400 && error.details.length) {
        setServerErrors(serverErrorsOf(error.details));
        return null;
      }
      throw error;
    }
  }, [create, draft, result, save, workflow]);

  return {
    draft,
    setDraft,
    dirty,
    errors,
    discard,
    saveChanges,
    saving: create.isPending || save.isPending,
  };
}

export type WorkflowEditorState = ReturnType<typeof useWorkflowDraft>;
