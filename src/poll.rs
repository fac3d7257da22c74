//! When the status page reads an application again: soon after it changed, then less and less
//! often while nothing changes, no sooner than the server's `Retry-After` after a failure, and at
//! once when the person comes back to the tab (but still not before the server allows).
//!
//! Pure bookkeeping, so the policy is tested natively; the page's loop feeds it time.

/// First and longest wait between two reads, in milliseconds.
pub const FIRST_MS: u32 = 2_000;
pub const MAX_MS: u32 = 30_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PollSchedule {
    /// How long to wait after the last read.
    delay: u32,
    /// Visible time since the last read.
    waited: u32,
    /// What the server's last `Retry-After` asked for: nothing reads sooner, not even a kick.
    not_before: u32,
}

impl Default for PollSchedule {
    fn default() -> Self {
        PollSchedule {
            delay: FIRST_MS,
            waited: 0,
            not_before: 0,
        }
    }
}

impl PollSchedule {
    /// `elapsed_ms` of visible time passed (hidden time is not fed: polling pauses). Returns
    /// whether to read now. `take_kick` says whether the person came back since; it is asked
    /// only once the server's `Retry-After` has passed, so a kick is never lost to it.
    pub fn tick(&mut self, elapsed_ms: u32, take_kick: impl FnOnce() -> bool) -> bool {
        self.waited = self.waited.saturating_add(elapsed_ms);
        if self.waited < self.not_before {
            return false;
        }
        if take_kick() {
            self.delay = FIRST_MS;
        } else if self.waited < self.delay {
            return false;
        }
        self.waited = 0;
        true
    }

    /// The read brought a different record: look again soon.
    pub fn changed(&mut self) {
        self.not_before = 0;
        self.delay = FIRST_MS;
    }

    /// The read brought the same record: wait twice as long, up to [`MAX_MS`].
    pub fn unchanged(&mut self) {
        self.not_before = 0;
        self.delay = self.doubled();
    }

    /// The read failed: the server's `Retry-After`, when it gives one, replaces the backoff.
    pub fn failed(&mut self, retry_after_ms: Option<u32>) {
        self.not_before = retry_after_ms.unwrap_or(0);
        self.delay = retry_after_ms.unwrap_or_else(|| self.doubled());
    }

    /// The wait before the next read, from the last one.
    pub fn delay_ms(&self) -> u32 {
        self.delay
    }

    fn doubled(&self) -> u32 {
        self.delay.saturating_mul(2).min(MAX_MS)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TICK: u32 = 500;

    /// Ticks until the schedule says to read, without kicks; returns the visible time waited.
    fn wait_for_read(schedule: &mut PollSchedule) -> u32 {
        let mut waited = 0;
        loop {
            waited += TICK;
            if schedule.tick(TICK, || false) {
                return waited;
            }
            assert!(waited < 10 * MAX_MS, "never read");
        }
    }

    #[test]
    fn nothing_changing_doubles_the_wait_up_to_thirty_seconds() {
        let mut schedule = PollSchedule::default();
        let mut waits = Vec::new();
        for _ in 0..7 {
            waits.push(wait_for_read(&mut schedule));
            schedule.unchanged();
        }
        assert_eq!(waits, [2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
    }

    #[test]
    fn a_change_brings_the_next_read_back_to_two_seconds() {
        let mut schedule = PollSchedule::default();
        for _ in 0..4 {
            wait_for_read(&mut schedule);
            schedule.unchanged();
        }
        assert_eq!(schedule.delay_ms(), 30_000);
        wait_for_read(&mut schedule);
        schedule.changed();
        assert_eq!(wait_for_read(&mut schedule), 2_000);
    }

    #[test]
    fn failures_back_off_like_unchanged_reads() {
        let mut schedule = PollSchedule::default();
        wait_for_read(&mut schedule);
        schedule.failed(None);
        assert_eq!(wait_for_read(&mut schedule), 4_000);
        schedule.failed(None);
        assert_eq!(wait_for_read(&mut schedule), 8_000);
    }

    #[test]
    fn retry_after_replaces_the_backoff_and_holds_off_a_kick() {
        let mut schedule = PollSchedule::default();
        wait_for_read(&mut schedule);
        schedule.failed(Some(5_000));
        // The person comes back after one second: the kick waits for the server's five.
        let mut kicked = true;
        let mut waited = 0;
        loop {
            waited += TICK;
            if schedule.tick(TICK, || std::mem::take(&mut kicked)) {
                break;
            }
        }
        assert_eq!(waited, 5_000);
        assert!(!kicked, "the kick was taken when the read happened");
        // The kick restarted the backoff, and after a good read the server's wait is gone.
        schedule.unchanged();
        assert_eq!(schedule.delay_ms(), 4_000);
        assert_eq!(wait_for_read(&mut schedule), 4_000);
    }

    #[test]
    fn coming_back_reads_at_once_and_restarts_at_two_seconds() {
        let mut schedule = PollSchedule::default();
        for _ in 0..5 {
            wait_for_read(&mut schedule);
            schedule.unchanged();
        }
        assert!(schedule.tick(TICK, || true));
        schedule.unchanged();
        assert_eq!(schedule.delay_ms(), 4_000);
    }

    #[test]
    fn a_kick_is_not_taken_while_no_read_is_due() {
        let mut schedule = PollSchedule::default();
        wait_for_read(&mut schedule);
        schedule.failed(Some(3_000));
        let mut asked = false;
        assert!(!schedule.tick(TICK, || {
            asked = true;
            true
        }));
        assert!(!asked);
    }
}
