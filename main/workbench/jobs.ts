// Long work the window can cancel (imports, exports, bundles being opened), by the job id the
// window chose. A cancel travels separately from the call that starts its job and can overtake it,
// so a cancel for a job not yet started is remembered, and the job is cancelled as it starts.

/** At most this many early cancels are remembered (a window cannot grow the set without bound). */
const MAX_EARLY_CANCELS = 1000;

export class Jobs {
  private readonly running = new Map<string, () => void>();
  private readonly cancelledEarly = new Set<string>();

  /**
   * Registers job `jobId` with how to cancel it; false (and `cancel` already called) when it was
   * cancelled before it started. Throws when a job of that id is running: the window chose the id.
   */
  start(jobId: string, cancel: () => void): boolean {
    if (this.running.has(jobId)) throw new Error(`job ${jobId} is already running`);
    this.running.set(jobId, cancel);
    if (this.cancelledEarly.delete(jobId)) {
      cancel();
      return false;
    }
    return true;
  }

  finish(jobId: string): void {
    this.running.delete(jobId);
  }

  cancel(jobId: string): void {
    const cancel = this.running.get(jobId);
    if (cancel) cancel();
    else if (this.cancelledEarly.size < MAX_EARLY_CANCELS) this.cancelledEarly.add(jobId);
  }

  cancelAll(): void {
    for (const cancel of this.running.values()) cancel();
  }
}
