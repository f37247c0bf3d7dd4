// mimalloc: parsing a journal allocates many small strings; the system allocator spent a
// fifth of `list` in malloc/free (see BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(coltiva::main());
}
