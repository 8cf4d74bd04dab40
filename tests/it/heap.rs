//! The heap this process holds, counted byte for byte: every allocation the test binary makes goes
//! through [`CountingAllocator`], which adds what it hands out and takes off what comes back. Two relaxed
//! atomic additions per call; the system allocator does the rest.
//!
//! The figure is the whole process's: it is the soak's own only where the soak runs alone (`scripts/soak`
//! runs each soak in its own process).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering};

pub struct CountingAllocator;

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

/// Bytes handed out and not yet given back (signed: a block freed on one thread may have been counted on
/// another, and the total is only read between frames).
static LIVE_BYTES: AtomicIsize = AtomicIsize::new(0);

fn add(bytes: usize) {
    LIVE_BYTES.fetch_add(bytes as isize, Ordering::Relaxed);
}

fn take(bytes: usize) {
    LIVE_BYTES.fetch_sub(bytes as isize, Ordering::Relaxed);
}

unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let block = unsafe { System.alloc(layout) };
        if !block.is_null() {
            add(layout.size());
        }
        block
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let block = unsafe { System.alloc_zeroed(layout) };
        if !block.is_null() {
            add(layout.size());
        }
        block
    }

    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        unsafe { System.dealloc(block, layout) };
        take(layout.size());
    }

    unsafe fn realloc(&self, block: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let moved = unsafe { System.realloc(block, layout, new_size) };
        if !moved.is_null() {
            take(layout.size());
            add(new_size);
        }
        moved
    }
}

/// Bytes of heap the process holds now.
pub fn live_bytes() -> isize {
    LIVE_BYTES.load(Ordering::Relaxed)
}

/// Least-squares slope of `ys` over `xs` (units of y per unit of x).
pub fn slope(xs: &[f64], ys: &[f64]) -> f64 {
    let n = xs.len() as f64;
    let mean_x = xs.iter().sum::<f64>() / n;
    let mean_y = ys.iter().sum::<f64>() / n;
    let (mut num, mut den) = (0.0, 0.0);
    for (x, y) in xs.iter().zip(ys) {
        num += (x - mean_x) * (y - mean_y);
        den += (x - mean_x).powi(2);
    }
    num / den
}

#[test]
fn the_count_follows_what_is_held() {
    // Other tests allocate and free on other threads meanwhile: a block far larger than any of theirs
    // (reserved, never touched, so it costs no memory) stands clear of them.
    const BLOCK: usize = 1 << 30;
    let before = live_bytes();
    let held: Vec<u8> = Vec::with_capacity(BLOCK);
    let holding = live_bytes();
    drop(held);
    let after = live_bytes();
    let most_of_it = (BLOCK - BLOCK / 8) as isize;
    assert!(
        holding - before > most_of_it,
        "1 GiB held: {before} -> {holding}"
    );
    assert!(
        holding - after > most_of_it,
        "1 GiB given back: {holding} -> {after}"
    );
}

#[test]
fn the_slope_of_a_line_is_its_gradient() {
    let xs = [0.0, 1.0, 2.0, 3.0];
    let ys = [5.0, 7.0, 9.0, 11.0];
    assert!((slope(&xs, &ys) - 2.0).abs() < 1e-12);
}
