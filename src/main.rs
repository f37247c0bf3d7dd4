fn main() {
    std::process::exit(coltiva::main());
}
