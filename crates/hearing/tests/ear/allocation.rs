//! The audio thread never allocates: a counting allocator watches `process`.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use hearing::{HearingProcessor, HearingProfile, MaskingNoise, ProcessorSettings, Tinnitus};
use kira::Frame;

use crate::fixtures::*;

struct CountingAllocator;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.with(|count| count.set(count.get() + 1));
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.with(|count| count.set(count.get() + 1));
        unsafe { System.realloc(ptr, layout, new_size) }
    }
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
