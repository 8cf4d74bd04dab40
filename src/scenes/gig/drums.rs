//! Keeping the beat: the song's grid, how far a hit lands from it, and the running score. Pure logic.

/// The two drums the visitor plays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Drum {
    Kick,
    Snare,
}

/// The song's grid: 4/4, beat 1 of bar 1 at 0 s of the song. The kick lands on beats 1 and 3, the snare on 2
/// and 4.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Grid {
    pub bpm: f32,
}

/// The band's song.
pub const SONG: Grid = Grid { bpm: 120.0 };

/// A hit this close to the grid, or closer, is in time.
pub const TIGHT_MS: f32 = 45.0;
/// A hit this close to the grid, or closer, still counts; further away it is off the beat.
pub const LOOSE_MS: f32 = 110.0;

/// How a hit landed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Judgement {
    Tight,
    Loose,
    Off,
}

/// One hit, measured against the grid.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    pub drum: Drum,
    /// Signed: negative is early, positive is late.
    pub error_ms: f32,
    pub judgement: Judgement,
}

impl Grid {
    pub fn beat_s(&self) -> f32 {
        60.0 / self.bpm
    }

    /// Seconds between two strokes of the same drum (every other beat).
    fn stroke_period_s(&self) -> f32 {
        2.0 * self.beat_s()
    }

    fn first_stroke_s(&self, drum: Drum) -> f32 {
        match drum {
            Drum::Kick => 0.0,
            Drum::Snare => self.beat_s(),
        }
    }

    /// Measures a hit at `song_s` seconds into the song against the nearest stroke of its drum, with the
    /// timing windows `window` times as wide as standard (the player's hit window assist).
    pub fn judge(&self, drum: Drum, song_s: f32, window: f32) -> Hit {
        let period_s = self.stroke_period_s();
        let from_first_s = song_s - self.first_stroke_s(drum);
        let nearest_s = (from_first_s / period_s).round() * period_s;
        let error_ms = (from_first_s - nearest_s) * 1000.0;
        let judgement = match error_ms.abs() {
            e if e <= TIGHT_MS * window => Judgement::Tight,
            e if e <= LOOSE_MS * window => Judgement::Loose,
            _ => Judgement::Off,
        };
        Hit {
            drum,
            error_ms,
            judgement,
        }
    }

    /// Brightness of the stage lights' pulse on the kick, 0..=1: a flash on beats 1 and 3 that dies
    /// away within the beat, so the lights flash twice a bar (one flash per second at 120 BPM), well under
    /// the three flashes a second that photosensitive visitors can bear.
    pub fn kick_pulse(&self, song_s: f32) -> f32 {
        if song_s < 0.0 {
            return 0.0;
        }
        self.hit_pulse(song_s.rem_euclid(self.stroke_period_s()))
    }

    /// Brightness of a light's pulse `since_s` after a drum is struck, 0..=1: dying away within the beat.
    pub fn hit_pulse(&self, since_s: f32) -> f32 {
        if since_s < 0.0 {
            return 0.0;
        }
        let decay_s = 0.35 * self.beat_s();
        (-since_s / decay_s).exp()
    }
}

/// The running score of the set.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Score {
    pub tight: u32,
    pub loose: u32,
    pub off: u32,
    total_abs_error_ms: f32,
}

impl Score {
    pub fn record(&mut self, hit: Hit) {
        match hit.judgement {
            Judgement::Tight => self.tight += 1,
            Judgement::Loose => self.loose += 1,
            Judgement::Off => self.off += 1,
        }
        self.total_abs_error_ms += hit.error_ms.abs();
    }

    pub fn hits(&self) -> u32 {
        self.tight + self.loose + self.off
    }

    /// Mean distance from the grid over every hit, in milliseconds; `None` before the first hit.
    pub fn mean_abs_error_ms(&self) -> Option<f32> {
        let hits = self.hits();
        (hits > 0).then(|| self.total_abs_error_ms / hits as f32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_120_bpm_a_beat_lasts_half_a_second() {
        assert_eq!(SONG.beat_s(), 0.5);
    }

    #[test]
    fn the_kick_lands_on_beats_one_and_three() {
        for song_s in [0.0, 1.0, 2.0, 7.0] {
            let hit = SONG.judge(Drum::Kick, song_s, 1.0);
            assert!(hit.error_ms.abs() < 0.01, "{song_s} s: {hit:?}");
            assert_eq!(hit.judgement, Judgement::Tight);
        }
        assert_eq!(SONG.judge(Drum::Kick, 0.5, 1.0).judgement, Judgement::Off);
    }

    #[test]
    fn the_snare_lands_on_beats_two_and_four() {
        for song_s in [0.5, 1.5, 2.5] {
            assert_eq!(
                SONG.judge(Drum::Snare, song_s, 1.0).judgement,
                Judgement::Tight
            );
        }
        assert_eq!(SONG.judge(Drum::Snare, 1.0, 1.0).judgement, Judgement::Off);
    }

    #[test]
    fn early_hits_are_negative_and_late_hits_positive() {
        let early = SONG.judge(Drum::Kick, 1.97, 1.0);
        assert!((early.error_ms + 30.0).abs() < 0.1, "{early:?}");
        let late = SONG.judge(Drum::Snare, 1.58, 1.0);
        assert!((late.error_ms - 80.0).abs() < 0.1, "{late:?}");
        assert_eq!(late.judgement, Judgement::Loose);
    }

    #[test]
    fn the_windows_bound_each_judgement() {
        let at = |ms: f32| SONG.judge(Drum::Kick, 4.0 + ms / 1000.0, 1.0).judgement;
        assert_eq!(at(TIGHT_MS - 1.0), Judgement::Tight);
        assert_eq!(at(-(TIGHT_MS + 1.0)), Judgement::Loose);
        assert_eq!(at(LOOSE_MS - 1.0), Judgement::Loose);
        assert_eq!(at(LOOSE_MS + 1.0), Judgement::Off);
        assert_eq!(at(-(LOOSE_MS + 1.0)), Judgement::Off);
    }

    #[test]
    fn a_wider_window_counts_later_hits() {
        let late_s = 4.0 + (LOOSE_MS + 30.0) / 1000.0;
        assert_eq!(
            SONG.judge(Drum::Kick, late_s, 1.0).judgement,
            Judgement::Off
        );
        assert_eq!(
            SONG.judge(Drum::Kick, late_s, 2.0).judgement,
            Judgement::Loose
        );
        assert_eq!(
            SONG.judge(Drum::Kick, 4.08, 2.0).judgement,
            Judgement::Tight
        );
    }

    #[test]
    fn the_score_counts_hits_and_their_mean_error() {
        let mut score = Score::default();
        assert_eq!(score.mean_abs_error_ms(), None);
        score.record(SONG.judge(Drum::Kick, 0.02, 1.0));
        score.record(SONG.judge(Drum::Snare, 0.44, 1.0));
        score.record(SONG.judge(Drum::Kick, 0.5, 1.0));
        assert_eq!(
            (score.tight, score.loose, score.off, score.hits()),
            (1, 1, 1, 3)
        );
        let mean_ms = score.mean_abs_error_ms().unwrap();
        assert!(
            (mean_ms - (20.0 + 60.0 + 500.0) / 3.0).abs() < 0.1,
            "{mean_ms}"
        );
    }

    #[test]
    fn the_light_pulse_never_flashes_more_than_three_times_a_second() {
        let step_s = 0.001;
        let mut flashes = 0;
        let mut was_bright = false;
        for i in 0..10_000 {
            let bright = SONG.kick_pulse(i as f32 * step_s) > 0.5;
            if bright && !was_bright {
                flashes += 1;
            }
            was_bright = bright;
        }
        let per_second = flashes as f32 / 10.0;
        assert!(per_second <= 3.0, "{per_second} flashes per second");
        assert_eq!(flashes, 10);
    }
}
