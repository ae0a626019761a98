import { useEffect, useState } from 'react';

/**
 * A control's value that changes at once when the user acts, and follows the URL when it changes
 * (URL updates run in a transition, so a control bound to the URL alone would lag a frame or more).
 */
export function useLocalValue<T>(value: T): [T, (next: T) => void] {
  const [local, setLocal] = useState(value);
  const key = JSON.stringify(value);
  // biome-ignore lint/correctness/useExhaustiveDependencies: follow the value by content, not identity
  useEffect(() => setLocal(value), [key]);
  return [local, setLocal];
}
