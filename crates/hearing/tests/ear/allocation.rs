//! The audio thread never allocates, and `hear` streams: a counting allocator watches both.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use hearing::{HearingProcessor, HearingProfile, MaskingNoise, ProcessorSettings, Tinnitus};
use kira::Frame;

use crate::fixtures::*;

struct CountingAllocator;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
    /// Bytes held now and at most, by this thread.
    static HELD: Cell<isize> = const { Cell::new(0) };
    static MOST_HELD: Cell<isize> = const { Cell::new(0) };
}

fn hold(bytes: isize) {
    let held = HELD.with(|held| {
        held.set(held.get() + bytes);
        held.get()
    });
    MOST_HELD.with(|most| most.set(most.get().max(held)));
}

unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.with(|count| count.set(count.get() + 1));
        hold(layout.size() as isize);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        hold(-(layout.size() as isize));
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.with(|count| count.set(count.get() + 1));
        hold(new_size as isize - layout.size() as isize);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

/// The most memory `work` held at once beyond what was held before it (bytes).
fn most_held_by(work: impl FnOnce()) -> isize {
    let before = HELD.with(Cell::get);
    MOST_HELD.with(|most| most.set(before));
    work();
    MOST_HELD.with(Cell::get) - before
}

#[test]
fn hearing_a_file_holds_the_same_memory_however_long_it_is() {
    let dir = std::env::temp_dir().join(format!("hearing-streams-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let spec = hound::WavSpec {
        channels: 2,
        sample_rate: SAMPLE_RATE,
        bits_per_sample: 32,
        sample_format: hound::SampleFormat::Float,
    };
    let profile = HearingProfile::at(0.6);
    let mut held = Vec::new();
    for seconds_long in [1.0, 20.0] {
        let input = dir.join(format!("{seconds_long}.wav"));
        let mut writer = hound::WavWriter::create(&input, spec).unwrap();
        for frame in pink_noise(-20.0, seconds(seconds_long), 9) {
            writer.write_sample(frame.left).unwrap();
            writer.write_sample(frame.right).unwrap();
        }
        writer.finalize().unwrap();
        let output = dir.join(format!("{seconds_long}-heard.wav"));
        held.push(most_held_by(|| {
            hearing::wav::hear_file(&input, &output, profile, ProcessorSettings::default())
                .unwrap();
        }));
        assert_eq!(
            hound::WavReader::open(&output).unwrap().duration() as usize,
            seconds(seconds_long)
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
    // Twenty seconds of stereo float is 7.7 MB; streaming holds a few blocks and the smearing's
    // matrices whatever the length.
    assert!(
        held[1] < 4 * 1024 * 1024 && held[1] <= held[0] + 4096,
        "held {} bytes for 1 s and {} bytes for 20 s",
        held[0],
        held[1]
    );
}

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

fn allocations() -> usize {
    ALLOCATIONS.with(Cell::get)
}

#[test]
fn processing_never_allocates() {
    let mut processor = HearingProcessor::new(SAMPLE_RATE, ProcessorSettings::default());
    let mut frames = gain(&drum_loop(seconds(2.0)), 12.0);
    let profiles = [
        HearingProfile::normal(),
        HearingProfile::at(0.9)
            .with_tinnitus(Tinnitus {
                level_db_sl: 30.0,
                ..Tinnitus::silent()
            })
            .with_masking_noise(MaskingNoise {
                level_db_spl: 85.0,
                ..MaskingNoise::silent()
            }),
    ];
    let before = allocations();
    for (index, block) in frames.chunks_mut(128).enumerate() {
        processor.set_profile(profiles[(index / 100) % 2]);
        processor.set_bypass(index % 37 == 0);
        processor.process(block);
    }
    assert_eq!(allocations() - before, 0, "process allocated");
    let probe: Vec<Frame> = Vec::with_capacity(4);
    assert!(
        allocations() > before,
        "the counter counts (capacity {})",
        probe.capacity()
    );
}
