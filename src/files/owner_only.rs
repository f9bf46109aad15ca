//! Owner-only access on Windows. Unix has its permission bits (0600/0700, set
//! in `files.rs`); on Windows a file or folder we create gets a *protected*
//! DACL with exactly two entries, full control for the current user and for
//! SYSTEM (which runs the OS and its backups). Nothing is inherited from the
//! folder above, so Administrators, other users and "Users" get no entry.
//! Folders pass the same two entries on to everything created inside them, so
//! SQLite's `-wal`/`-shm` files and the drafts are covered too.

use std::io;
use std::os::windows::ffi::OsStrExt;
use std::path::Path;
use std::ptr;

use windows_sys::Win32::Foundation::{CloseHandle, ERROR_SUCCESS, HANDLE, HLOCAL, LocalFree};
use windows_sys::Win32::Security::Authorization::{
    ConvertSidToStringSidW, EXPLICIT_ACCESS_W, GetNamedSecurityInfoW, NO_MULTIPLE_TRUSTEE,
    SE_FILE_OBJECT, SET_ACCESS, SetEntriesInAclW, SetNamedSecurityInfoW, TRUSTEE_IS_SID,
    TRUSTEE_IS_USER, TRUSTEE_IS_WELL_KNOWN_GROUP, TRUSTEE_TYPE, TRUSTEE_W,
};
use windows_sys::Win32::Security::{
    ACCESS_ALLOWED_ACE, ACL, ACL_SIZE_INFORMATION, AclSizeInformation, CreateWellKnownSid,
    DACL_SECURITY_INFORMATION, GetAce, GetAclInformation, GetSecurityDescriptorControl,
    GetTokenInformation, NO_INHERITANCE, PROTECTED_DACL_SECURITY_INFORMATION, PSECURITY_DESCRIPTOR,
    PSID, SE_DACL_PROTECTED, SECURITY_MAX_SID_SIZE, SUB_CONTAINERS_AND_OBJECTS_INHERIT,
    TOKEN_QUERY, TOKEN_USER, TokenUser, WinLocalSystemSid,
};
use windows_sys::Win32::Storage::FileSystem::{
    FILE_ALL_ACCESS, GetVolumeInformationW, GetVolumePathNameW,
};
use windows_sys::Win32::System::SystemServices::{ACCESS_ALLOWED_ACE_TYPE, FILE_PERSISTENT_ACLS};
use windows_sys::Win32::System::Threading::{GetCurrentProcess, OpenProcessToken};

/// Gives `path` a protected DACL: the current user and SYSTEM, full control.
/// For a folder the entries are inherited by what is created inside it. On a
/// drive that keeps no permissions at all (FAT32/exFAT USB sticks) there is
/// nothing to set, and that is not an error (README, "Windows").
pub fn restrict(path: &Path, is_dir: bool) -> io::Result<()> {
    let wide = wide(path);
    match set_owner_only(&wide, is_dir) {
        Err(_) if !volume_keeps_permissions(&wide) => Ok(()),
        other => other,
    }
}

fn wide(path: &Path) -> Vec<u16> {
    path.as_os_str()
        .encode_wide()
        .chain(std::iter::once(0))
        .collect()
}

/// Whether the volume holding `path` (NUL-terminated) stores ACLs (NTFS, ReFS).
fn volume_keeps_permissions(path: &[u16]) -> bool {
    let mut root = [0u16; 1024];
    let mut flags = 0u32;
    // SAFETY: `path` is NUL-terminated, `root` is as long as we say.
    unsafe {
        if GetVolumePathNameW(path.as_ptr(), root.as_mut_ptr(), root.len() as u32) == 0 {
            return true;
        }
        if GetVolumeInformationW(
            root.as_ptr(),
            ptr::null_mut(),
            0,
            ptr::null_mut(),
            ptr::null_mut(),
            &mut flags,
            ptr::null_mut(),
            0,
        ) == 0
        {
            return true;
        }
    }
    flags & FILE_PERSISTENT_ACLS != 0
}

fn set_owner_only(wide: &[u16], is_dir: bool) -> io::Result<()> {
    let user = current_user_sid()?;
    // A SID is at most SECURITY_MAX_SID_SIZE bytes; u32 words keep it aligned.
    let mut system = [0u32; SECURITY_MAX_SID_SIZE as usize / 4];
    let mut size = SECURITY_MAX_SID_SIZE;
    // SAFETY: the buffer is SECURITY_MAX_SID_SIZE bytes and `size` says so.
    let ok = unsafe {
        CreateWellKnownSid(
            WinLocalSystemSid,
            ptr::null_mut(),
            system.as_mut_ptr().cast(),
            &mut size,
        )
    };
    if ok == 0 {
        return Err(io::Error::last_os_error());
    }
    let inheritance = if is_dir {
        SUB_CONTAINERS_AND_OBJECTS_INHERIT
    } else {
        NO_INHERITANCE
    };
    let entry = |sid: PSID, kind: TRUSTEE_TYPE| EXPLICIT_ACCESS_W {
        grfAccessPermissions: FILE_ALL_ACCESS,
        grfAccessMode: SET_ACCESS,
        grfInheritance: inheritance,
        Trustee: TRUSTEE_W {
            pMultipleTrustee: ptr::null_mut(),
            MultipleTrusteeOperation: NO_MULTIPLE_TRUSTEE,
            TrusteeForm: TRUSTEE_IS_SID,
            TrusteeType: kind,
            ptstrName: sid.cast(),
        },
    };
    let entries = [
        entry(user.sid(), TRUSTEE_IS_USER),
        entry(system.as_mut_ptr().cast(), TRUSTEE_IS_WELL_KNOWN_GROUP),
    ];
    let mut acl: *mut ACL = ptr::null_mut();
    // SAFETY: two valid entries whose SIDs outlive the call; `acl` receives a
    // LocalAlloc'd list, freed below.
    let rc = unsafe { SetEntriesInAclW(2, entries.as_ptr(), ptr::null(), &mut acl) };
    if rc != ERROR_SUCCESS {
        return Err(io::Error::from_raw_os_error(rc as i32));
    }
    // SAFETY: `wide` is NUL-terminated; `acl` came from SetEntriesInAclW.
    let rc = unsafe {
        let rc = SetNamedSecurityInfoW(
            wide.as_ptr(),
            SE_FILE_OBJECT,
            DACL_SECURITY_INFORMATION | PROTECTED_DACL_SECURITY_INFORMATION,
            ptr::null_mut(),
            ptr::null_mut(),
            acl,
            ptr::null(),
        );
        LocalFree(acl as HLOCAL);
        rc
    };
    if rc != ERROR_SUCCESS {
        return Err(io::Error::from_raw_os_error(rc as i32));
    }
    Ok(())
}

/// The TOKEN_USER of this process, kept in an aligned buffer.
struct UserSid(Vec<u64>);

impl UserSid {
    fn sid(&self) -> PSID {
        // SAFETY: the buffer was filled by GetTokenInformation(TokenUser).
        unsafe { (*(self.0.as_ptr() as *const TOKEN_USER)).User.Sid }
    }
}

fn current_user_sid() -> io::Result<UserSid> {
    let mut token: HANDLE = ptr::null_mut();
    // SAFETY: the pseudo-handle of this process needs no closing; `token` is
    // closed below.
    if unsafe { OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &mut token) } == 0 {
        return Err(io::Error::last_os_error());
    }
    let mut needed = 0u32;
    // SAFETY: a size query (null buffer, length 0), then a buffer of that size.
    let result = unsafe {
        GetTokenInformation(token, TokenUser, ptr::null_mut(), 0, &mut needed);
        let mut buf = vec![0u64; (needed as usize).div_ceil(8).max(1)];
        let ok = GetTokenInformation(
            token,
            TokenUser,
            buf.as_mut_ptr().cast(),
            (buf.len() * 8) as u32,
            &mut needed,
        );
        if ok == 0 {
            Err(io::Error::last_os_error())
        } else {
            Ok(UserSid(buf))
        }
    };
    // SAFETY: opened above.
    unsafe { CloseHandle(token) };
    result
}

/// Who may open a file, as Windows stores it: whether the list is protected
/// from inheritance, and each allowed entry's SID (`S-1-5-18` is SYSTEM).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Access {
    pub protected: bool,
    pub allowed: Vec<String>,
    /// Entries that are not "allow" entries (deny, audit…).
    pub other_entries: usize,
}

/// The current user's SID as text (`S-1-5-21-…`).
pub fn current_user() -> io::Result<String> {
    let user = current_user_sid()?;
    sid_string(user.sid())
}

/// Reads back the DACL of `path`.
pub fn access_of(path: &Path) -> io::Result<Access> {
    let wide = wide(path);
    let mut dacl: *mut ACL = ptr::null_mut();
    let mut sd: PSECURITY_DESCRIPTOR = ptr::null_mut();
    // SAFETY: out-pointers are valid; `sd` is LocalFree'd below and `dacl`
    // points into it.
    let rc = unsafe {
        GetNamedSecurityInfoW(
            wide.as_ptr(),
            SE_FILE_OBJECT,
            DACL_SECURITY_INFORMATION,
            ptr::null_mut(),
            ptr::null_mut(),
            &mut dacl,
            ptr::null_mut(),
            &mut sd,
        )
    };
    if rc != ERROR_SUCCESS {
        return Err(io::Error::from_raw_os_error(rc as i32));
    }
    let result = (|| {
        let mut control = 0u16;
        let mut revision = 0u32;
        // SAFETY: `sd` is the descriptor just returned.
        if unsafe { GetSecurityDescriptorControl(sd, &mut control, &mut revision) } == 0 {
            return Err(io::Error::last_os_error());
        }
        let mut access = Access {
            protected: control & SE_DACL_PROTECTED != 0,
            allowed: Vec::new(),
            other_entries: 0,
        };
        if dacl.is_null() {
            // No DACL at all means everyone has access.
            access.allowed.push("S-1-1-0".into());
            return Ok(access);
        }
        let mut size = ACL_SIZE_INFORMATION {
            AceCount: 0,
            AclBytesInUse: 0,
            AclBytesFree: 0,
        };
        // SAFETY: `size` is an ACL_SIZE_INFORMATION of the length given.
        let ok = unsafe {
            GetAclInformation(
                dacl,
                (&mut size as *mut ACL_SIZE_INFORMATION).cast(),
                std::mem::size_of::<ACL_SIZE_INFORMATION>() as u32,
                AclSizeInformation,
            )
        };
        if ok == 0 {
            return Err(io::Error::last_os_error());
        }
        for i in 0..size.AceCount {
            let mut ace: *mut core::ffi::c_void = ptr::null_mut();
            // SAFETY: `i` is below the entry count read above.
            if unsafe { GetAce(dacl, i, &mut ace) } == 0 {
                return Err(io::Error::last_os_error());
            }
            let ace = ace as *const ACCESS_ALLOWED_ACE;
            // SAFETY: every ACE starts with its header; an allow entry's SID
            // starts at SidStart.
            unsafe {
                if (*ace).Header.AceType as u32 == ACCESS_ALLOWED_ACE_TYPE {
                    let sid = ptr::addr_of!((*ace).SidStart) as PSID;
                    access.allowed.push(sid_string(sid)?);
                } else {
                    access.other_entries += 1;
                }
            }
        }
        Ok(access)
    })();
    // SAFETY: allocated by GetNamedSecurityInfoW.
    unsafe { LocalFree(sd as HLOCAL) };
    result
}

fn sid_string(sid: PSID) -> io::Result<String> {
    let mut text: *mut u16 = ptr::null_mut();
    // SAFETY: `sid` is valid; `text` is LocalAlloc'd by the call and freed.
    unsafe {
        if ConvertSidToStringSidW(sid, &mut text) == 0 {
            return Err(io::Error::last_os_error());
        }
        let mut len = 0;
        while *text.add(len) != 0 {
            len += 1;
        }
        let s = String::from_utf16_lossy(std::slice::from_raw_parts(text, len));
        LocalFree(text as HLOCAL);
        Ok(s)
    }
}
