use std::process::ExitCode;

fn main() -> ExitCode {
    teichaku::cli::main()
}
