import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError } from '../../../api/client.ts';
import type { Profile } from '../../../api/types.ts';
import { useSaveProfile } from '../api.ts';
import { type EditorDraft, changedParts, draftOf, patchOf, sameDraft, validateDraft } from './draft.ts';

/**
 * The editor's local draft of the whole profile and what saving it takes: one PATCH /profiles/{id}
 * with name, description, rules, tiers and bounds. While nothing is changed the draft follows the
 * server's copy; once edited it is kept until saved or discarded.
 */
export function useEditorDraft(profile: Profile) {
  const [base, setBase] = useState<EditorDraft>(() => draftOf(profile));
  const [draft, setDraftState] = useState<EditorDraft>(base);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [triedSave, setTriedSave] = useState(false);
  const save = useSaveProfile(profile.id);
  const dirty = !sameDraft(draft, base);
  const dirtyRef = useRef(dirty);
  dirtyRef.current = dirty;

  // A newer copy from the server (another tab, a publish) replaces an untouched draft.
  const stamp = `${profile.id}:${profile.updatedAt}`;
  // biome-ignore lint/correctness/useExhaustiveDependencies: follows the server copy by its stamp
  useEffect(() => {
    const fresh = draftOf(profile);
    setBase(fresh);
    if (!dirtyRef.current) setDraftState(fresh);
  }, [stamp]);

  const setDraft = useCallback((update: (d: EditorDraft) => EditorDraft) => {
    setDraftState(update);
    setServerErrors({});
  }, []);

  const clientErrors = useMemo(() => validateDraft(draft), [draft]);
  const errors = useMemo(() => {
    const shown: Record<string, string> = { ...serverErrors };
    for (const [path, message] of Object.entries(clientErrors))
      if (triedSave || path !== 'name' || draft.name !== base.name) shown[path] = message;
    return shown;
  }, [clientErrors, serverErrors, triedSave, draft.name, base.name]);

  const discard = useCallback(() => {
    setDraftState(base);
    setServerErrors({});
    setTriedSave(false);
  }, [base]);

  /** Saves; resolves true when saved, false when the draft has errors to fix first. */
  const saveChanges = useCallback(async (): Promise<boolean> => {
    setTriedSave(true);
    if (Object.keys(clientErrors).length) return false;
    const sent = draft;
    try {
      const saved = await save.mutateAsync(patchOf(sent));
      const fresh = draftOf(saved);
      setBase(fresh);
      // Edits made while the save was on its way stay in the draft.
      setDraftState((current) => (sameDraft(current, sent) ? fresh : current));
      setTriedSave(false);
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.details.length) {
        setServerErrors(
          Object.fromEntries(
            error.details.map((d) => [d.path, d.message.charAt(0).toUpperCase() + d.message.slice(1)]),
          ),
        );
        return false;
      }
      throw error;
    }
  }, [clientErrors, draft, save]);

  return {
    draft,
    base,
    setDraft,
    dirty,
    changes: dirty ? changedParts(draft, base) : [],
    errors,
    hasErrors: Object.keys(clientErrors).length > 0 || Object.keys(serverErrors).length > 0,
    discard,
    saveChanges,
    saving: save.isPending,
  };
}

export type EditorState = ReturnType<typeof useEditorDraft>;
