mod cli;

/// Analyses allocate many small vectors from several threads at once (one per scenario
/// and site loss, on every core); mimalloc serves those far faster than the system
/// allocator, see benches/BENCHMARKS.md.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::main()
}
