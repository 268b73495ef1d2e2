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
   * The window: a second plus a margin, so that request k+rate never reaches the server less than a second
   * after request k, even when network latency varies between the two by up to the margin.
   */
  windowMs?: number
  now?: () => number
}

export const DEFAULT_WINDOW_MS = 1050

/** Thrown to a waiter whose slot would only come after its `notAfter` time. */
export class SlotTooLateError extends Error {
  constructor() {
    super('no request slot before the deadline')
    this.name = 'SlotTooLateError'
  }
}

export interface Slot {
  /**
   * The request's first byte is being written now. A new connection can take a while (TCP and TLS), so the
   * start that the server sees is this moment, not the grant: the window counts from the later of the two.
   */
  markSent(): void
  release(): void
}

interface StartRecord {
  at: number
  /** Until sent (or released unsent), the request may reach the server at any moment from now. */
  settled: boolean
}

interface Waiter {
  grant(slot: Slot): void
  fail(error: Error): void
  notAfter: number
  signal?: AbortSignal
}

export class RequestLimiter {
  private readonly rate: number
  /** Most requests in flight at once. */
  readonly concurrency: number
  private readonly windowMs: number
  private readonly now: () => number
  /**
   * Waiters from `head` on; taken by moving `head`, since shift() on a huge array copies it. A taken waiter's
   * place is emptied at once: kept until the next compaction, it would hold its request (the promise it
   * granted, and through it everything that request touched) for a thousand requests more, and a run of
   * 150,000 would carry that garbage into the old generation.
   */
  private queue: (Waiter | undefined)[] = []
  private head = 0
  private readonly watched = new WeakSet<AbortSignal>()
  /** Starts that may still count in the window. */
  private starts: StartRecord[] = []
  private inFlight = 0
  private pausedUntil = 0
  private timer: NodeJS.Timeout | undefined
  private timerAt = Infinity

  constructor(options: LimiterOptions) {
    if (!(options.concurrency >= 1)) throw new Error('concurrency must be at least 1')
    if (!(options.ratePerSecond >= 0)) throw new Error('rate limit must not be negative')
    this.rate = Math.floor(options.ratePerSecond)
    this.concurrency = Math.floor(options.concurrency)
    const windowMs = options.windowMs ?? DEFAULT_WINDOW_MS
    // A window of 0 or NaN would lift the rate limit without a word; an infinite one would stop every run.
    if (!(windowMs > 0 && Number.isFinite(windowMs))) throw new Error('window must be a positive number of ms')
    this.windowMs = windowMs
    this.now = options.now ?? (() => performance.now())
  }

  /**
   * Waits for a slot. Rejects with the signal's reason on abort, or SlotTooLateError past `notAfter`. The
   * caller calls `slot.markSent()` when its request goes out, and `slot.release()` once it is over, always.
   */
  acquire(options: { signal?: AbortSignal; notAfter?: number } = {}): Promise<Slot> {
    const { signal } = options
    if (signal?.aborted) return Promise.reject(signal.reason as Error)
    return new Promise<Slot>((resolve, reject) => {
      if (signal) this.watch(signal)
      this.queue.push({ notAfter: options.notAfter ?? Infinity, signal, grant: resolve, fail: reject })
      this.pump()
    })
  }

  /**
   * One listener per signal, not one per waiter: a run queues every submission on the same cancel signal,
   * and thousands of listeners on one signal make each removal, and so the run, quadratic.
   */
  private watch(signal: AbortSignal): void {
    if (this.watched.has(signal)) return
    this.watched.add(signal)
    signal.addEventListener(
      'abort',
      () => {
        const waiting = this.queue.slice(this.head) as Waiter[]
        this.queue = []
        this.head = 0
        for (const waiter of waiting) {
          if (waiter.signal === signal) waiter.fail(signal.reason as Error)
          else this.queue.push(waiter)
        }
        this.pump()
      },
      { once: true }
    )
  }

  /** Holds every start until `time` (a 429's Retry-After applies to the caller, not one request). */
  pauseUntil(time: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, time)
    this.pump()
  }

  private earliestStart(now: number): number {
    let earliest = this.pausedUntil
    if (this.rate > 0) {
      this.starts = this.starts.filter((start) => !start.settled || start.at + this.windowMs > now)
      if (this.starts.length >= this.rate) {
        const times = this.starts.map((start) => (start.settled ? start.at : Math.max(start.at, now)))
        times.sort((a, b) => b - a)
        earliest = Math.max(earliest, (times[this.rate - 1] as number) + this.windowMs)
      }
    }
    return earliest
  }

  private pump(): void {
    while (this.head < this.queue.length && this.inFlight < this.concurrency) {
      const now = this.now()
      const earliest = this.earliestStart(now)
      const next = this.queue[this.head] as Waiter
      if (Math.max(now, earliest) > next.notAfter) {
        this.take()
        next.fail(new SlotTooLateError())
        continue
      }
      if (now < earliest) {
        this.wakeAt(earliest)
        return
      }
      this.take()
      this.start(now, next)
    }
  }

  private take(): void {
    this.queue[this.head] = undefined
    this.head += 1
    if (this.head === this.queue.length) {
      this.queue = []
      this.head = 0
    } else if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head)
      this.head = 0
    }
  }

  private start(now: number, waiter: Waiter): void {
    this.inFlight += 1
    const record: StartRecord = { at: now, settled: false }
    if (this.rate > 0) this.starts.push(record)
    let released = false
    waiter.grant({
      markSent: () => {
        if (record.settled) return
        record.at = Math.max(record.at, this.now())
        record.settled = true
        this.pump()
      },
      release: () => {
        if (released) return
        released = true
        // A request that never reached the wire keeps its grant time: it may still have been seen.
        record.settled = true
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
