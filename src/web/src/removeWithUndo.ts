import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, describeError, type IdeaPart } from './api.ts';
import { useSession } from './session.tsx';
import { showToast } from './toast.tsx';

/**
 * Removing one of an idea's records (an assumption, an experiment, a competitor): soft on the server, with
 * an Undo in the toast that restores it as it was. `name` says what was removed, in the toast's words.
 */
export function useRemoveWithUndo<T extends { id: string; version: number }>(
  idea: number,
  part: IdeaPart,
  name: (record: T) => string,
) {
  const { ws } = useSession();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: [ws] });
  return useMutation({
    mutationFn: (record: T) => api.deletePart(ws, idea, part, record.id),
    onSuccess: async (_v, record) => {
      await refresh();
      showToast(`${name(record)} removed.`, {
        label: 'Undo',
        run: async () => {
          await api.restorePart(ws, idea, part, record.id, record.version);
          await refresh();
        },
      });
    },
    onError: (e) => showToast(describeError(e), undefined, 'error'),
  });
}
