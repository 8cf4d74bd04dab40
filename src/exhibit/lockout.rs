//! The PIN prompt's lock: three wrong PINs lock it, each lock twice as long as the one before (one
//! minute, two, four, up to an hour) until the right PIN is typed. Kept in a file in the log folder, so
//! restarting the station neither unlocks it nor forgets the count. No Bevy: plain state and a file.

use std::{
    fs, io,
    path::{Path, PathBuf},
};

use serde::{Deserialize, Serialize};

/// Wrong PINs allowed before the prompt locks.
pub const PIN_TRIES: u32 = 3;
/// The first lock; each further one is twice as long, up to the longest.
pub const FIRST_LOCK_S: u64 = 60;
pub const LONGEST_LOCK_S: u64 = 3600;

/// The lock's file, in the station's log folder.
pub fn lockout_file(log_directory: &Path) -> PathBuf {
    log_directory.join("operator-lockout.json")
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PinLockout {
    /// Wrong PINs since the last lock (or the last right one).
    pub wrong_pins: u32,
    /// Locks since the last right PIN: the next lasts `FIRST_LOCK_S` doubled this many times.
    pub locks: u32,
    /// Unix seconds until which the prompt stays shut.
    pub locked_until_unix_s: u64,
}

impl PinLockout {
    /// The lock as saved; none when the file does not exist yet.
    pub fn load(path: &Path) -> io::Result<Self> {
        match fs::read_to_string(path) {
            Ok(text) => serde_json::from_str(&text).map_err(|error| {
                io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!("{} is not a PIN lock ({error})", path.display()),
                )
            }),
            Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(Self::default()),
            Err(error) => Err(error),
        }
    }

    /// Saves whole or not at all: a temporary file, synced, renamed over the old one.
    pub fn save(&self, path: &Path) -> io::Result<()> {
        if let Some(folder) = path.parent() {
            fs::create_dir_all(folder)?;
        }
        let temporary = path.with_extension("json.tmp");
        let text = serde_json::to_string(self).expect("a lock is plain data");
        fs::write(&temporary, text)?;
        fs::File::open(&temporary)?.sync_all()?;
        fs::rename(&temporary, path)
    }

    pub fn is_locked(&self, now_unix_s: u64) -> bool {
        now_unix_s < self.locked_until_unix_s
    }

    /// A wrong PIN; the lock's length in seconds when this one locks the prompt.
    pub fn wrong(&mut self, now_unix_s: u64) -> Option<u64> {
        self.wrong_pins += 1;
        if self.wrong_pins < PIN_TRIES {
            return None;
        }
        let lock_s = FIRST_LOCK_S
            .saturating_mul(1 << self.locks.min(16))
            .min(LONGEST_LOCK_S);
        self.wrong_pins = 0;
        self.locks += 1;
        self.locked_until_unix_s = now_unix_s + lock_s;
        Some(lock_s)
    }

    /// The right PIN: the count starts again.
    pub fn right(&mut self) {
        *self = Self::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_lock_is_twice_the_last_up_to_an_hour_and_the_right_pin_clears_it() {
        let mut lock = PinLockout::default();
        let mut now = 1_000_000;
        let mut lengths = Vec::new();
        for _ in 0..8 {
            assert!(!lock.is_locked(now));
            assert_eq!(lock.wrong(now), None);
            assert_eq!(lock.wrong(now), None);
            let length = lock.wrong(now).expect("the third wrong PIN locks");
            assert!(lock.is_locked(now + length - 1));
            lengths.push(length);
            now += length;
        }
        assert_eq!(lengths, [60, 120, 240, 480, 960, 1920, 3600, 3600]);
        lock.right();
        assert_eq!(lock, PinLockout::default());
    }

    #[test]
    fn the_lock_survives_a_restart_and_a_damaged_file_is_named() {
        let dir = std::env::temp_dir().join(format!("stillness-lockout-{}", std::process::id()));
        let path = lockout_file(&dir);
        assert_eq!(PinLockout::load(&path).unwrap(), PinLockout::default());
        let mut lock = PinLockout::default();
        for _ in 0..PIN_TRIES {
            lock.wrong(500);
        }
        lock.save(&path).unwrap();
        let reloaded = PinLockout::load(&path).unwrap();
        assert_eq!(reloaded, lock);
        assert!(reloaded.is_locked(500 + FIRST_LOCK_S - 1));
        fs::write(&path, "{").unwrap();
        let error = PinLockout::load(&path).unwrap_err();
        assert!(
            error.to_string().contains("operator-lockout.json"),
            "{error}"
        );
        fs::remove_dir_all(&dir).unwrap();
    }
}
