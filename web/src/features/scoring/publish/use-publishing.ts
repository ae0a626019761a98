import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { invalidateScores } from '../../../api/queries.ts';
import type { Profile } from '../../../api/types.ts';
import { notifyError, notifySuccess } from '../../../ui/notify.ts';
import { useJob, usePublish } from '../api.ts';

const running = (status: string | undefined) => status === 'queued' || status === 'running';

/**
 * The profile's publish job: the one started here, or one already under way when the editor opened
 * (profile.publishing). Polls it, and when it ends tells the person and refreshes the profile.
 */
export function usePublishing(profile: Profile) {
  const client = useQueryClient();
  const publish = usePublish(profile.id);
  const [jobId, setJobId] = useState<string | null>(null);
  const [version, setVersion] = useState<number | null>(null);
  const announced = useRef<string | null>(null);

  const serverJob = profile.publishing;
  useEffect(() => {
    if (serverJob && running(serverJob.status) && jobId === null) {
      setJobId(serverJob.id);
      setVersion((profile.published?.version ?? 0) + 1);
    }
  }, [serverJob, jobId, profile.published?.version]);

  const job = useJob(jobId);
  const status = job.data?.status;
  useEffect(() => {
    if (!jobId || !status || running(status) || announced.current === jobId) return;
    announced.current = jobId;
    if (status === 'succeeded')
      notifySuccess(`“${profile.name}” is published${version ? ` as version ${version}` : ''}`);
    else notifyError(new Error(job.data?.error ?? 'the recompute did not finish'), 'Publishing failed');
    // Every screen that shows a score now shows the new version's (or, after a failure, the old one's).
    invalidateScores(client);
  }, [jobId, status, client, profile.name, version, job.data?.error]);

  const start = () =>
    publish.mutate(undefined, {
      onSuccess: (answer) => {
        setVersion(answer.version);
        setJobId(answer.job.id);
      },
      onError: (error) => notifyError(error, 'Publishing did not start'),
    });

  return {
    start,
    starting: publish.isPending,
    job: job.data ?? null,
    version,
    isRunning: running(status) || (serverJob !== null && running(serverJob.status)),
    reset: () => {
      if (!running(status)) setJobId(null);
    },
  };
}
