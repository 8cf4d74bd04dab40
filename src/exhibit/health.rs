//! Whether the station is producing sound. Frames that run prove nothing about the headphones: the audio
//! thread's own count of rendered frames does. A device that has stopped (or was never found) is
//! reported and looked for again, less often each time; when it is back the station restarts to play on
//! it. Once no sound has been produced for the operator's time the watchdog is no longer fed either, so
//! systemd restarts the station and opens the device afresh. A station started with offline sound on
//! purpose (a silent kiosk, a test) is never held to this.

use bevy::prelude::Resource;

/// What the station knows about its sound, updated every frame.
#[derive(Resource, Debug, Clone, PartialEq)]
pub struct AudioWatch {
    /// No sound for this long stops the watchdog's heartbeat.
    limit_s: f32,
    offline_on_purpose: bool,
    last_frames: u64,
    silent_s: f32,
    given_up: bool,
}

/// Where the sound goes, as the metrics and the overlay name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeviceState {
    /// A device is taking sound.
    Playing,
    /// Rendered offline, as the station was started to.
    OfflineOnPurpose,
    /// No sound is reaching a device.
    Silent,
}

impl DeviceState {
    pub fn name(self) -> &'static str {
        match self {
            Self::Playing => "playing",
            Self::OfflineOnPurpose => "offline-on-purpose",
            Self::Silent => "silent",
        }
    }
}

impl AudioWatch {
    pub fn new(limit_s: f32, offline_on_purpose: bool) -> Self {
        Self {
            limit_s,
            offline_on_purpose,
            last_frames: 0,
            silent_s: 0.0,
            given_up: false,
        }
    }

    /// One frame of `dt_s` seconds: `frames` rendered so far, `to_a_device` whether they went to one.
    /// Says so, once, when the station gives up on its sound.
    pub fn observe(&mut self, frames: u64, to_a_device: bool, dt_s: f32) -> Option<String> {
        let produced = frames > self.last_frames && (to_a_device || self.offline_on_purpose);
        self.last_frames = frames;
        if produced {
            self.silent_s = 0.0;
            self.given_up = false;
            return None;
        }
        self.silent_s += dt_s;
        if self.offline_on_purpose || self.given_up || self.silent_s < self.limit_s {
            return None;
        }
        self.given_up = true;
        Some(format!(
            "no sound reached a device for {:.0} s: the watchdog is no longer fed, so systemd restarts the station",
            self.limit_s
        ))
    }

    /// Seconds since sound last reached a device (or the offline renderer, on purpose).
    pub fn silent_s(&self) -> f32 {
        self.silent_s
    }

    pub fn device_state(&self) -> DeviceState {
        if self.offline_on_purpose {
            DeviceState::OfflineOnPurpose
        } else if self.silent_s > 0.0 {
            DeviceState::Silent
        } else {
            DeviceState::Playing
        }
    }

    /// Whether the watchdog's heartbeat goes on.
    pub fn feeds_the_watchdog(&self) -> bool {
        !self.given_up
    }
}

/// The first wait before looking for the device again, and the longest: each failed look doubles it.
pub const FIRST_RETRY_S: f32 = 2.0;
pub const LONGEST_RETRY_S: f32 = 60.0;

/// Looking for a lost (or never found) audio device again, less often each time it is still not there.
/// kira gives up on a device once it is gone; this does not.
#[derive(Debug, Clone, PartialEq)]
pub struct DeviceRetry {
    wait_s: f32,
    waited_s: f32,
}

impl Default for DeviceRetry {
    fn default() -> Self {
        Self {
            wait_s: FIRST_RETRY_S,
            waited_s: 0.0,
        }
    }
}

impl DeviceRetry {
    /// One frame of `dt_s` seconds; while the station is `silent`, `open` is tried when its wait is over
    /// (it says whether a device took the sound). True once a device is there again.
    pub fn look(&mut self, silent: bool, dt_s: f32, open: impl FnOnce() -> bool) -> bool {
        if !silent {
            *self = Self::default();
            return false;
        }
        self.waited_s += dt_s;
        if self.waited_s < self.wait_s {
            return false;
        }
        self.waited_s = 0.0;
        if open() {
            *self = Self::default();
            return true;
        }
        self.wait_s = (self.wait_s * 2.0).min(LONGEST_RETRY_S);
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FRAME_S: f32 = 1.0 / 60.0;

    /// A device that plays, is lost (its backend fails), comes back, then is lost for good.
    #[test]
    fn a_lost_device_is_reported_and_the_watchdog_starves_only_when_it_stays_lost() {
        let mut watch = AudioWatch::new(30.0, false);
        let mut frames = 0;
        for _ in 0..60 {
            frames += 800;
            assert_eq!(watch.observe(frames, true, FRAME_S), None);
        }
        assert_eq!(watch.device_state(), DeviceState::Playing);
        // Lost for 20 s, then back: no restart.
        for _ in 0..(20 * 60) {
            assert_eq!(watch.observe(frames, true, FRAME_S), None);
        }
        assert_eq!(watch.device_state(), DeviceState::Silent);
        assert!(watch.silent_s() > 19.9 && watch.feeds_the_watchdog());
        frames += 800;
        watch.observe(frames, true, FRAME_S);
        assert_eq!(watch.silent_s(), 0.0);
        // Lost for good: reported once at 30 s, and the heartbeat stops.
        let mut reports = Vec::new();
        for _ in 0..(40 * 60) {
            reports.extend(watch.observe(frames, true, FRAME_S));
            if watch.silent_s() < 29.9 {
                assert!(watch.feeds_the_watchdog());
            }
        }
        assert_eq!(reports.len(), 1, "{reports:?}");
        assert!(!watch.feeds_the_watchdog());
    }

    #[test]
    fn offline_sound_counts_only_when_chosen() {
        let mut fallback = AudioWatch::new(5.0, false);
        let mut on_purpose = AudioWatch::new(5.0, true);
        let mut frames = 0;
        for _ in 0..(10 * 60) {
            frames += 800;
            fallback.observe(frames, false, FRAME_S);
            on_purpose.observe(frames, false, FRAME_S);
        }
        assert!(
            !fallback.feeds_the_watchdog(),
            "no device found: restart and try again"
        );
        assert!(on_purpose.feeds_the_watchdog());
        assert_eq!(on_purpose.device_state(), DeviceState::OfflineOnPurpose);
    }

    /// A backend that fails to open four times, then opens: looked for after 2, 4, 8, 16 and 32 s.
    #[test]
    fn a_lost_device_is_looked_for_less_often_each_time_until_it_opens() {
        let mut retry = DeviceRetry::default();
        let mut opened_at = Vec::new();
        let mut now_s = 0.0;
        let mut found = false;
        while !found && now_s < 200.0 {
            now_s += FRAME_S;
            found = retry.look(true, FRAME_S, || {
                opened_at.push(now_s);
                opened_at.len() == 5
            });
        }
        let gaps: Vec<f32> = std::iter::once(0.0)
            .chain(opened_at.iter().copied())
            .collect::<Vec<_>>()
            .windows(2)
            .map(|pair| (pair[1] - pair[0]).round())
            .collect();
        assert_eq!(gaps, [2.0, 4.0, 8.0, 16.0, 32.0]);
        assert!(found);
        assert_eq!(
            retry,
            DeviceRetry::default(),
            "found: the waits start again"
        );
        // Never longer apart than a minute, and never while sound plays.
        for _ in 0..20 {
            retry.look(true, LONGEST_RETRY_S, || false);
        }
        assert_eq!(retry.wait_s, LONGEST_RETRY_S);
        assert!(!retry.look(false, 100.0, || panic!("no look while sound plays")));
    }
}
