/**
 * Sliding-window rate limit plus a concurrency cap, shared by every request a run makes (first asks,
 * retries, polls, action-code requests): the MPC's 5 requests/s is a property of the caller, not of one
 * code path. Waiters are served first come, first served.
 */
export interface LimiterOptions {
  /** Most request starts in any sliding window; 0 lifts the limit. */
  ratePerSecond: number
  /** Most requests in flight at once. */
  concurrency: number
  /**
   * The window. A little over a second, so that request k+rate never starts less than a second after
   * request k even with timer and network jitter.
   */
  windowMs?: number
  now?: () => number
}

export const DEFAULT_WINDOW_MS = 1020

/** Thrown to a waiter whose slot would only come after its `notAfter` time. */
export class SlotTooLateError extends Error {
  constructor() {
    super('no request slot before the deadline')
    this.name = 'SlotTooLateError'
  }
}

export interface Slot {
  release(): void
}

interface Waiter {
  grant(slot: Slot): void
  fail(error: Error): void
  notAfter: number
}

export class RequestLimiter {
  private readonly rate: number
  private readonly concurrency: number
  private readonly windowMs: number
  private readonly now: () => number
  private readonly queue: Waiter[] = []
  /** Start times of the most recent `rate` requests, oldest first. */
  private readonly recentStarts: number[] = []
  private inFlight = 0
  private pausedUntil = 0
  private timer: NodeJS.Timeout | undefined
  private timerAt = Infinity
  /** Requests started, for the benchmark and the summary. */
  started = 0
  peakInFlight = 0

  constructor(options: LimiterOptions) {
    if (!(options.concurrency >= 1)) throw new Error('concurrency must be at least 1')
    if (!(options.ratePerSecond >= 0)) throw new Error('rate limit must not be negative')
    this.rate = Math.floor(options.ratePerSecond)
    this.concurrency = Math.floor(options.concurrency)
    this.windowMs = options.windowMs ?? DEFAULT_WINDOW_MS
    this.now = options.now ?? (() => performance.now())
  }

  /** Waits for a slot. Rejects with the signal's reason on abort, or SlotTooLateError past `notAfter`. */
  acquire(options: { signal?: AbortSignal; notAfter?: number } = {}): Promise<Slot> {
    const { signal } = options
    if (signal?.aborted) return Promise.reject(signal.reason as Error)
    return new Promise<Slot>((resolve, reject) => {
      const onAbort = (): void => {
        const index = this.queue.indexOf(waiter)
        if (index >= 0) this.queue.splice(index, 1)
        reject(signal?.reason as Error)
        this.pump()
      }
      const waiter: Waiter = {
        notAfter: options.notAfter ?? Infinity,
        grant: (slot) => {
          signal?.removeEventListener('abort', onAbort)
          resolve(slot)
        },
        fail: (error) => {
          signal?.removeEventListener('abort', onAbort)
          reject(error)
        }
      }
      signal?.addEventListener('abort', onAbort, { once: true })
      this.queue.push(waiter)
      this.pump()
    })
  }

  /** Runs `task` inside a slot. */
  async run<T>(task: () => Promise<T>, options: { signal?: AbortSignal; notAfter?: number } = {}): Promise<T> {
    const slot = await this.acquire(options)
    try {
      return await task()
    } finally {
      slot.release()
    }
  }

  /** Holds every start until `time` (a 429's Retry-After applies to the caller, not one request). */
  pauseUntil(time: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, time)
    this.pump()
  }

  private earliestStart(): number {
    let earliest = this.pausedUntil
    if (this.rate > 0 && this.recentStarts.length >= this.rate) {
      earliest = Math.max(earliest, (this.recentStarts[0] ?? 0) + this.windowMs)
    }
    return earliest
  }

  private pump(): void {
    while (this.queue.length > 0 && this.inFlight < this.concurrency) {
      const now = this.now()
      const earliest = this.earliestStart()
      const head = this.queue[0] as Waiter
      if (Math.max(now, earliest) > head.notAfter) {
        this.queue.shift()
        head.fail(new SlotTooLateError())
        continue
      }
      if (now < earliest) {
        this.wakeAt(earliest)
        return
      }
      this.queue.shift()
      this.start(now, head)
    }
  }

  private start(now: number, waiter: Waiter): void {
    this.inFlight += 1
    this.started += 1
    this.peakInFlight = Math.max(this.peakInFlight, this.inFlight)
    if (this.rate > 0) {
      this.recentStarts.push(now)
      if (this.recentStarts.length > this.rate) this.recentStarts.shift()
    }
    let released = false
    waiter.grant({
      release: () => {
        if (released) return
        released = true
        this.inFlight -= 1
        this.pump()
      }
    })
  }

  private wakeAt(time: number): void {
    if (this.timer !== undefined && this.timerAt <= time) return
    if (this.timer !== undefined) clearTimeout(this.timer)
    this.timerAt = time
    // +1 ms: a timer may fire a fraction of a millisecond early against performance.now().
    this.timer = setTimeout(
      () => {
        this.timer = undefined
        this.timerAt = Infinity
        this.pump()
      },
      Math.max(0, time - this.now()) + 1
    )
  }
}
