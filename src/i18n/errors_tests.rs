use super::*;

/// No file error reaches the user in the OS's English (issue 34 item 5):
/// every error number the OS may give, on Unix and Windows alike, is said in
/// the user's language.
#[test]
fn no_file_error_shows_the_systems_own_text() {
    for n in 1..=200 {
        let e = std::io::Error::from_raw_os_error(n);
        let os_text = e.to_string();
        let os_text = os_text.split(" (os error").next().unwrap_or_default();
        for lang in [Lang::Ja, Lang::En] {
            let said = io_reason(&e, lang);
            assert!(!said.is_empty(), "{n}");
            assert!(!said.contains("os error"), "{n} {lang:?}: {said}");
            if os_text.len() > 3 && lang == Lang::Ja {
                assert!(!said.contains(os_text), "{n}: {said}");
            }
        }
    }
    let full = std::io::Error::from(std::io::ErrorKind::StorageFull);
    assert!(io_reason(&full, Lang::Ja).contains("ディスクがいっぱいです"));
    let exists = std::io::Error::from(std::io::ErrorKind::AlreadyExists);
    assert!(io_reason(&exists, Lang::En).contains("already exists"));
    let folder = std::io::Error::from(std::io::ErrorKind::IsADirectory);
    assert!(io_reason(&folder, Lang::Ja).contains("フォルダー"));
}
