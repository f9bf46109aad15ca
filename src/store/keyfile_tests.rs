//! A damaged key file is told apart from a wrong passphrase (issue 28 item 4).

use super::*;

const PASS: &str = "the right passphrase for the key file";
const WRONG: &str = "a passphrase that is not the one";

/// A key file sealed under [`PASS`] in a fresh folder, and its JSON.
fn sealed() -> (tempfile::TempDir, PathBuf, serde_json::Value) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("teichaku.db");
    seal(&db, PASS, &[&DbKey::random()]).unwrap();
    let json = serde_json::from_slice(&std::fs::read(key_file_of(&db)).unwrap()).unwrap();
    (dir, db, json)
}

fn write(db: &Path, json: &serde_json::Value) {
    std::fs::write(key_file_of(db), serde_json::to_vec(json).unwrap()).unwrap();
}

/// Changes one hex digit of a string field (or of the first sealed key).
fn flip(json: &mut serde_json::Value, field: &str) {
    let s = if field == "keys" {
        &mut json["keys"][0]
    } else {
        &mut json[field]
    };
    let mut text = s.as_str().unwrap().to_string();
    let at = text.len() / 2;
    let c = if &text[at..=at] == "0" { "1" } else { "0" };
    text.replace_range(at..=at, c);
    *s = serde_json::Value::String(text);
}

/// The CRC recomputed after a change, as a tool that fixed it up would.
fn fix_crc(json: &mut serde_json::Value) {
    let file: KeyFile = serde_json::from_value(json.clone()).unwrap();
    json["crc"] = serde_json::json!(file.crc());
}

fn is_damaged(r: Result<Vec<DbKey>>) -> bool {
    matches!(r, Err(Error::DbKeyFileDamaged { .. }))
}

#[test]
fn a_flipped_byte_anywhere_is_damage_whatever_the_passphrase() {
    for field in ["salt", "keys", "check"] {
        let (_dir, db, mut json) = sealed();
        flip(&mut json, field);
        write(&db, &json);
        assert!(is_damaged(unseal(&db, PASS)), "{field}");
        assert!(is_damaged(unseal(&db, WRONG)), "{field}");
    }
    let (_dir, db, mut json) = sealed();
    json["t"] = serde_json::json!(3);
    write(&db, &json);
    assert!(is_damaged(unseal(&db, PASS)), "the costs are in the CRC");
}

#[test]
fn a_damaged_seal_under_a_matching_crc_is_damage_not_a_wrong_passphrase() {
    let (_dir, db, mut json) = sealed();
    flip(&mut json, "keys");
    fix_crc(&mut json);
    write(&db, &json);
    // The passphrase check opens: the right passphrase, a broken seal.
    assert!(is_damaged(unseal(&db, PASS)));
    // A wrong passphrase is still called one.
    assert!(matches!(unseal(&db, WRONG), Err(Error::WrongDbPassphrase)));
}

#[test]
fn cut_short_not_json_or_not_text_is_damage_and_a_newer_format_says_so() {
    let (_dir, db, json) = sealed();
    let bytes = serde_json::to_vec(&json).unwrap();
    std::fs::write(key_file_of(&db), &bytes[..bytes.len() / 2]).unwrap();
    assert!(is_damaged(unseal(&db, PASS)));
    std::fs::write(key_file_of(&db), b"\xff\xfe\x00garbage").unwrap();
    assert!(is_damaged(unseal(&db, PASS)));
    let mut newer = json.clone();
    newer["format"] = serde_json::json!(FORMAT + 1);
    write(&db, &newer);
    assert!(matches!(
        unseal(&db, PASS),
        Err(Error::DbKeyFileBroken { .. })
    ));
    write(&db, &json);
    assert_eq!(unseal(&db, PASS).unwrap().len(), 1);
    assert!(matches!(unseal(&db, WRONG), Err(Error::WrongDbPassphrase)));
}

/// A key file from before the check and the CRC still opens, a wrong
/// passphrase on it is still a wrong passphrase, and it is marked for the
/// rewrite that adds both.
#[test]
fn an_old_key_file_without_check_or_crc_still_opens() {
    let (_dir, db, mut json) = sealed();
    let obj = json.as_object_mut().unwrap();
    obj.remove("check");
    obj.remove("crc");
    write(&db, &json);
    assert!(needs_upgrade(&db));
    assert_eq!(unseal(&db, PASS).unwrap().len(), 1);
    assert!(matches!(unseal(&db, WRONG), Err(Error::WrongDbPassphrase)));
    let key = unseal(&db, PASS).unwrap().remove(0);
    seal(&db, PASS, &[&key]).unwrap();
    assert!(!needs_upgrade(&db));
    assert_eq!(unseal(&db, PASS).unwrap(), [key]);
}
