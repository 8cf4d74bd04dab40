//! The cost of one frame of game logic: one headless `app.update()` of the gig.

use criterion::{Criterion, criterion_group, criterion_main};
use stillness::{scenes::gig::GigBeat, testing::TestGame};

fn a_frame_of_the_gig(c: &mut Criterion) {
    let mut merch = TestGame::new().at_beat(GigBeat::MerchTable);
    c.bench_function("gig: one frame at the merch table", |b| {
        b.iter(|| merch.update())
    });
    let mut set = TestGame::new().at_beat(GigBeat::Set);
    c.bench_function("gig: one frame of the set", |b| b.iter(|| set.update()));
}

criterion_group!(benches, a_frame_of_the_gig);
criterion_main!(benches);
