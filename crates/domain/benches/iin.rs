//! How long one IIN check takes, for the three paths through `Iin::parse`.

use criterion::{criterion_group, criterion_main, Criterion};
use egov_domain::{Iin, IinError};
use std::hint::black_box;

fn parse(c: &mut Criterion) {
    let cases = [
        ("valid", "791028302728", true),
        ("second_pass", "061211600012", true),
        ("invalid", "123456789011", false),
    ];
    let mut group = c.benchmark_group("Iin::parse");
    for (name, input, valid) in cases {
        // A benchmark of the wrong path would measure nothing useful.
        let parsed: Result<Iin, IinError> = Iin::parse(input);
        assert_eq!(parsed.is_ok(), valid, "{name}: {parsed:?}");
        group.bench_function(name, |b| b.iter(|| Iin::parse(black_box(input))));
    }
    group.finish();
}

criterion_group!(benches, parse);
criterion_main!(benches);
