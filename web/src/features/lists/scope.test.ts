import { describe, expect, it } from 'vitest';
import type { View } from '../../api/types.ts';
import { listUrlParams, parseListUrl } from '../../ui/list-url-state.ts';
import { differsFromView, hasNarrowingFilters, normalizeFilters, sortLabel } from './scope.ts';

const view = (filters: View['filters'], sort: View['sort'] = 'score:desc'): View => ({
  id: 'view_1',
  name: 'Hot SMS',
  scope: 'conversations',
  filters,
  sort,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});

describe('list filters', () => {
  it('normalises: empty values dropped, lists sorted and deduplicated, search trimmed', () => {
    expect(
      normalizeFilters({
        channel: ['sms', 'email', 'sms'],
        tier: [],
        q: '  ann ',
        unread: false,
        scoreMin: 0,
      }),
    ).toEqual({ channel: ['email', 'sms'], q: 'ann', scoreMin: 0 });
  });

  it('the score profile alone does not narrow a list', () => {
    expect(hasNarrowingFilters({ profileId: 'prf_1' })).toBe(false);
    expect(hasNarrowingFilters({ profileId: 'prf_1', unread: true })).toBe(true);
  });

  it('a view differs from the screen only when its filters or sort do', () => {
    const saved = view({ channel: ['sms', 'email'], tier: ['High'] });
    expect(differsFromView(saved, { tier: ['High'], channel: ['email', 'sms'] }, 'score:desc')).toBe(false);
    expect(differsFromView(saved, { tier: ['High'], channel: ['email', 'sms'] }, 'lastMessageAt:desc')).toBe(
      true,
    );
    expect(differsFromView(saved, { tier: ['High'], channel: ['sms'] }, 'score:desc')).toBe(true);
    expect(
      differsFromView(saved, { tier: ['High'], channel: ['sms', 'email'], unread: true }, 'score:desc'),
    ).toBe(true);
  });

  it('a view opened from the URL compares equal to the view (URL round trip)', () => {
    const saved = view({
      scoreMin: 20,
      scoreMax: 80,
      tier: ['High', 'Medium'],
      assignedTo: 'me',
      unread: true,
    });
    const url = listUrlParams({
      viewId: saved.id,
      filters: saved.filters,
      sort: saved.sort,
      contactId: null,
    });
    const state = parseListUrl(new URLSearchParams(url.toString()));
    expect(differsFromView(saved, state.filters, state.sort ?? 'lastMessageAt:desc')).toBe(false);
  });

  it('sort labels are the menu items', () => {
    expect(sortLabel('conversations', 'lastMessageAt:desc')).toBe('Latest');
    expect(sortLabel('conversations', 'score:asc')).toBe('Score low → high');
    expect(sortLabel('contacts', 'name:asc')).toBe('Name A→Z');
  });
});
